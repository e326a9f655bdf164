// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"errors"
	"net/http"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// This file is the one table of the error codes the emulator answers with:
// code, HTTP status and message, each with its source. UNCONFIRMED marks a
// code, status or message found in no source; it is the emulator's best
// guess and lives only here.
//
// Sources, short names used below:
//   - [alicloud-public]: terraform-provider-alicloud's list of the gateway
//     ("Public") error codes shared by all RPC products (codes only).
//   - [ram-docs]: AlibabaCloudDocs/ram API reference and error tables
//     (FACTS.md).
//   - [sdk-wrap]: aliyun/alibaba-cloud-sdk-go sdk/errors/
//     signature_does_not_match_wrapper.go, which parses the server's string
//     to sign out of the message after "server string to sign is:".
//   - [issue] plus a repository: a real error body quoted in a public issue.

// Gateway errors: parameters, signatures, credentials, routing.

// errMissingParam: a required parameter is absent or empty. Code pattern
// Missing{ParameterName} [alicloud-public]; status 400 and message
// UNCONFIRMED.
func errMissingParam(name string) *APIError {
	return apiErr(http.StatusBadRequest, "Missing"+name, "%s is mandatory for this action.", name)
}

// errInvalidParam: a parameter has a value of the wrong type or format.
// Code InvalidParameter [alicloud-public], message style of the RAM docs'
// example error body [ram-docs].
func errInvalidParam(name, why string) *APIError {
	return apiErr(http.StatusBadRequest, "InvalidParameter", "The specified parameter %q is not valid: %s", name, why)
}

// errInvalidParamCode: a parameter breaks a product rule that has its own
// code, such as InvalidParameter.RoleName.Length [ram-docs].
func errInvalidParamCode(code, message string) *APIError {
	return apiErr(http.StatusBadRequest, code, "%s", message)
}

// errActionOrVersion: the version names no product. Code and message from
// the RAM docs' example error body [ram-docs]; status 400 UNCONFIRMED.
func errActionOrVersion() *APIError {
	return apiErr(http.StatusBadRequest, "InvalidParameter", `The specified parameter "Action or Version" is not valid.`)
}

// errActionNotFound: the product has no such action. Code, status 404 and
// message: [issue] aliyun/alibabacloud-api-vscode-toolkit#193 and real
// bodies quoted in client tests.
func errActionNotFound() *APIError {
	return apiErr(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
}

// errAccessKeyNotFound: the AccessKeyId is unknown. Code, status 404 and
// message: [issue] XWJR-Ops/zabbix-RDS-monitor#9 ("HTTP Status: 404
// Error:InvalidAccessKeyId.NotFound Specified access key is not found.").
func errAccessKeyNotFound() *APIError {
	return apiErr(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

// errSignatureV1: an RPC v1 (HMAC-SHA1) signature does not match. Code
// [alicloud-public]; status 400 from the ACS3 case below; the message must
// end in "server string to sign is:" plus the string to sign [sdk-wrap];
// its first sentence is UNCONFIRMED.
func errSignatureV1(stringToSign string) *APIError {
	return apiErr(http.StatusBadRequest, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:%s", stringToSign)
}

// errSignatureACS3: an ACS3-HMAC-SHA256 signature does not match. Code,
// status 400 and message: a real SDK error quoted at developer.aliyun.com
// (ask/678646): "code: 400, Specified signature does not match our
// calculation. server StringToSign is [ACS3-HMAC-SHA256 …]".
func errSignatureACS3(stringToSign string) *APIError {
	return apiErr(http.StatusBadRequest, "SignatureDoesNotMatch", "Specified signature does not match our calculation. server StringToSign is [%s]", stringToSign)
}

// errIncompleteSignature: the Authorization header or the signed headers
// are malformed. Code [alicloud-public]; status 400 and message
// UNCONFIRMED.
func errIncompleteSignature(why string) *APIError {
	return apiErr(http.StatusBadRequest, "IncompleteSignature", "The request signature does not conform to Aliyun standards: %s", why)
}

// errSignatureMethod: SignatureMethod is not HMAC-SHA1 (v1) or the
// Authorization algorithm is not ACS3-HMAC-SHA256. Code
// InvalidSignatureMethod [alicloud-public]; status 400 and message
// UNCONFIRMED.
func errSignatureMethod(method string) *APIError {
	return apiErr(http.StatusBadRequest, "InvalidSignatureMethod", "Specified signature method %q is not supported.", method)
}

// errTimestampFormat: Timestamp or x-acs-date is not 2006-01-02T15:04:05Z.
// Code [alicloud-public]; status 400 and message UNCONFIRMED.
func errTimestampFormat(value string) *APIError {
	return apiErr(http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value %q is not well formatted.", value)
}

// errTimestampExpired: the request time is more than the tolerance (15
// minutes) away from the server's. Code, status 400, message and the 15
// minutes: [issue] jeessy2/ddns-go#1291 and overtrue/laravel-mail-aliyun#4.
func errTimestampExpired() *APIError {
	return apiErr(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
}

// errNonceUsed: a SignatureNonce seen before within the tolerance window.
// Code [alicloud-public]; message: [issue] aliyun/aliyun-openapi-net-sdk#344;
// status 400 UNCONFIRMED.
func errNonceUsed() *APIError {
	return apiErr(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

// errMissingSecurityToken: an STS AccessKeyId without its token. Code
// [alicloud-public]; status 400 and message UNCONFIRMED.
func errMissingSecurityToken() *APIError {
	return apiErr(http.StatusBadRequest, "MissingSecurityToken", "SecurityToken is mandatory for this action.")
}

// errSecurityTokenMismatch: the token is not the one issued with the
// AccessKeyId, or a long-term AccessKeyId came with a token. Code
// [alicloud-public]; status 400 and message UNCONFIRMED.
func errSecurityTokenMismatch() *APIError {
	return apiErr(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
}

// errSecurityTokenExpired: the temporary credentials have expired. Code
// [alicloud-public]; status 400 and message UNCONFIRMED.
func errSecurityTokenExpired() *APIError {
	return apiErr(http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
}

// Flow control and service faults.

// errThrottlingUser: a per-action QPS limit was exceeded. Code and message
// ("Request was denied due to user flow control.") appear in many client
// codebases and the EDAS docs; status 400 UNCONFIRMED (the SDKs classify
// throttling by code, not status, FACTS.md).
func errThrottlingUser() *APIError {
	return apiErr(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
}

// errInternal: an injected server fault. Code, status 500 and message
// [ram-docs].
func errInternal() *APIError {
	return apiErr(http.StatusInternalServerError, "InternalError", "An internal error occurred.")
}

// errServiceUnavailable: an injected unavailability. Code ServiceUnavailable
// with status 503: UNCONFIRMED (the common Alibaba Cloud gateway code for
// 503); message UNCONFIRMED.
func errServiceUnavailable() *APIError {
	return apiErr(http.StatusServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
}

// RAM 2015-05-01 [ram-docs] unless noted.

func errRoleNameLength() *APIError {
	return errInvalidParamCode("InvalidParameter.RoleName.Length", `The parameter - "RoleName" beyond the length limit.`)
}

func errRoleNameChars() *APIError {
	return errInvalidParamCode("InvalidParameter.RoleName.InvalidChars", `The parameter - "RoleName" contains invalid chars.`)
}

// errPolicyDocumentLength covers AssumeRolePolicyDocument and
// NewAssumeRolePolicyDocument [ram-docs]; the limit itself is UNCONFIRMED
// (see maxPolicyDocumentLength).
func errPolicyDocumentLength(param string) *APIError {
	return errInvalidParamCode("InvalidParameter."+param+".Length", `The parameter - "`+param+`" beyond the length limit.`)
}

// errDescriptionLength: Description or NewDescription outside 1–1024
// characters. The code follows the RAM InvalidParameter.<Name>.Length
// pattern: UNCONFIRMED.
func errDescriptionLength(param string) *APIError {
	return errInvalidParamCode("InvalidParameter."+param+".Length", `The parameter - "`+param+`" beyond the length limit.`)
}

// errMaxSessionDuration: MaxSessionDuration outside 3600–43200. Code and
// message UNCONFIRMED (the range is documented).
func errMaxSessionDuration(param string) *APIError {
	return errInvalidParamCode("InvalidParameter."+param, `The parameter - "`+param+`" must be between 3600 and 43200 seconds.`)
}

func errMalformedPolicy(detail string) *APIError {
	return apiErr(http.StatusBadRequest, "MalformedPolicyDocument", "%s", detail)
}

func errRoleExists() *APIError {
	return apiErr(http.StatusConflict, "EntityAlreadyExists.Role", "The role does already EXIST.")
}

func errRoleNotExist() *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Role", "The role does not exist.")
}

func errDeleteConflictRolePolicy() *APIError {
	return apiErr(http.StatusConflict, "DeleteConflict.Role.Policy", "The role CAN NOT has any attached policy while deleting the role.")
}

func errPolicyType() *APIError {
	return errInvalidParamCode("InvalidParameter.PolicyType", `The parameter - "PolicyType" is incorrect.`)
}

func errPolicyNotExist() *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Policy", "The policy does not exist.")
}

// errRolePolicyExists: the policy is already attached. Code from client
// code (FACTS.md); status 409 and message UNCONFIRMED.
func errRolePolicyExists() *APIError {
	return apiErr(http.StatusConflict, "EntityAlreadyExists.Role.Policy", "The policy has been attached to the role.")
}

// errRolePolicyNotExist: the policy is not attached. Code from the alicloud
// provider (FACTS.md); status 404 and message UNCONFIRMED.
func errRolePolicyNotExist() *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Role.Policy", "The policy has not been attached to the role.")
}

// errPolicyExists: CreatePolicy with a taken name. Code follows the
// EntityAlreadyExists.<Entity> pattern; status 409 and message UNCONFIRMED.
func errPolicyExists() *APIError {
	return apiErr(http.StatusConflict, "EntityAlreadyExists.Policy", "The policy does already EXIST.")
}

// errDeleteConflictPolicy: DeletePolicy of a policy still attached to a
// role. Code follows the DeleteConflict.<Entity>.<Other> pattern of
// DeleteConflict.Role.Policy; status 409 and message UNCONFIRMED.
func errDeleteConflictPolicy() *APIError {
	return apiErr(http.StatusConflict, "DeleteConflict.Policy.Role", "The policy CAN NOT be deleted while it is attached to a role.")
}

// errPolicyNameChars and errPolicyNameLength: CreatePolicy name rule
// (1–128 characters, letters, digits and "-"). Codes follow the RoleName
// pattern: UNCONFIRMED.
func errPolicyNameChars() *APIError {
	return errInvalidParamCode("InvalidParameter.PolicyName.InvalidChars", `The parameter - "PolicyName" contains invalid chars.`)
}

func errPolicyNameLength() *APIError {
	return errInvalidParamCode("InvalidParameter.PolicyName.Length", `The parameter - "PolicyName" beyond the length limit.`)
}

// errSystemPolicyDelete: DeletePolicy of a System policy. UNCONFIRMED.
func errSystemPolicyDelete() *APIError {
	return apiErr(http.StatusForbidden, "NoPermission", "You are not authorized to do this action.")
}

// IMS 2019-08-15 (FACTS.md).

// errSAMLProviderNotExist: code and status 404 confirmed from the alicloud
// provider; message from the STS docs.
func errSAMLProviderNotExist() *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.SAMLProvider", "Can not find SAML provider.")
}

// errSAMLProviderExists: UNCONFIRMED (follows EntityAlreadyExists.<Entity>).
func errSAMLProviderExists() *APIError {
	return apiErr(http.StatusConflict, "EntityAlreadyExists.SAMLProvider", "The SAML provider does already EXIST.")
}

// errSAMLProviderName*: the name rule is documented; the codes follow the
// RoleName pattern: UNCONFIRMED.
func errSAMLProviderNameLength() *APIError {
	return errInvalidParamCode("InvalidParameter.SAMLProviderName.Length", `The parameter - "SAMLProviderName" beyond the length limit.`)
}

func errSAMLProviderNameChars() *APIError {
	return errInvalidParamCode("InvalidParameter.SAMLProviderName.InvalidChars", `The parameter - "SAMLProviderName" contains invalid chars.`)
}

// errSAMLMetadata: the metadata is not Base64 or not SAML IdP metadata.
// UNCONFIRMED.
func errSAMLMetadata(param, why string) *APIError {
	return errInvalidParamCode("InvalidParameter."+param, `The parameter - "`+param+`" is not valid SAML metadata: `+why)
}

// errOIDCProviderNotExist: AssumeRoleWithOIDC names an unknown provider.
// Code follows EntityNotExist.<Entity>: UNCONFIRMED.
func errOIDCProviderNotExist() *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.OIDCProvider", "Can not find OIDC provider.")
}

// errOIDCProviderExists: UNCONFIRMED (follows EntityAlreadyExists.<Entity>).
func errOIDCProviderExists() *APIError {
	return apiErr(http.StatusConflict, "EntityAlreadyExists.OIDCProvider", "The OIDC provider does already EXIST.")
}

// STS 2015-04-01. No source lists STS error codes (FACTS.md):
// every code here is UNCONFIRMED except where noted.

// errSTSRoleArn: RoleArn is not an ARN of a role.
func errSTSRoleArn(arn string) *APIError {
	return errInvalidParamCode("InvalidParameter.RoleArn", "The parameter RoleArn "+quote(arn)+" is not a valid role ARN, such as acs:ram::1234567890123456:role/name.")
}

// errSTSNoPermission: the role's trust policy does not allow the caller.
func errSTSNoPermission(detail string) *APIError {
	return apiErr(http.StatusForbidden, "NoPermission", "You are not authorized to do this action. %s", detail)
}

// errSTSDuration: DurationSeconds outside 900 to the role's
// MaxSessionDuration.
func errSTSDuration(maxSeconds int64) *APIError {
	return errInvalidParamCode("InvalidParameter.DurationSeconds", "The parameter DurationSeconds must be between 900 and "+itoa(maxSeconds)+" (the role's MaxSessionDuration).")
}

// errSTSSessionName: RoleSessionName breaks the 2–64 character rule.
func errSTSSessionName() *APIError {
	return errInvalidParamCode("InvalidParameter.RoleSessionName", `The parameter RoleSessionName must be 2 to 64 characters of letters, digits and ".@-_".`)
}

// errSTSPolicy: the session Policy is not a valid policy document.
func errSTSPolicy(detail string) *APIError {
	return errInvalidParamCode("InvalidParameter.PolicyGrammar", "The parameter Policy is not a valid policy document: "+detail)
}

// OIDC token problems of AssumeRoleWithOIDC. The AuthenticationFail.*
// family follows FACTS.md's suggestion for failed verification.
func errOIDCTokenMalformed(why string) *APIError {
	return errInvalidParamCode("InvalidParameter.OIDCToken", "The OIDCToken is not a well-formed JWT: "+why)
}

func errOIDCTokenIssuer(issuer, provider string) *APIError {
	return errInvalidParamCode("AuthenticationFail.OIDCToken.IssuerNotMatch", "The issuer "+quote(issuer)+" of the OIDCToken is not the IssuerUrl of OIDC provider "+provider+".")
}

func errOIDCTokenAudience(provider string) *APIError {
	return errInvalidParamCode("AuthenticationFail.OIDCToken.AudienceNotMatch", "No audience of the OIDCToken is a client ID of OIDC provider "+provider+".")
}

func errOIDCTokenExpired() *APIError {
	return errInvalidParamCode("AuthenticationFail.OIDCToken.Expired", "The OIDCToken has expired.")
}

func errOIDCTokenTooOld(hours int64, provider string) *APIError {
	return errInvalidParamCode("AuthenticationFail.OIDCToken.IssuanceLimitExceeded", "The OIDCToken was issued more than "+itoa(hours)+" hours ago, the IssuanceLimitTime of OIDC provider "+provider+".")
}

// AssumeRoleWithSAML (FACTS.md). Every code here is UNCONFIRMED;
// the AuthenticationFail.SAMLAssertion.* family mirrors the OIDC codes
// above, one code per way a sign-in fails.

// errSAMLAssertionParam: SAMLAssertion is not the Base64 of a SAML 2.0
// Response of 4 to 100,000 characters.
func errSAMLAssertionParam(why string) *APIError {
	return errInvalidParamCode("InvalidParameter.SAMLAssertion", "The parameter SAMLAssertion is not valid: "+why+". Pass the Base64 of the complete SAML Response that the IdP posted, as the SAMLResponse form field.")
}

// errSAMLProviderArn: SAMLProviderArn is not a SAML provider ARN.
func errSAMLProviderArn(arn string) *APIError {
	return errInvalidParamCode("InvalidParameter.SAMLProviderArn", "The parameter SAMLProviderArn "+quote(arn)+" is not a valid SAML provider ARN, such as "+"acs:ram::123456789012****:saml-provider/company1"+".")
}

// errSAMLVerify maps a samlsso.VerifyResponse error to its code.
func errSAMLVerify(err error) *APIError {
	reason := ""
	switch {
	case errors.Is(err, samlsso.ErrMalformed):
		return errSAMLAssertionParam(err.Error())
	case errors.Is(err, samlsso.ErrSignature):
		reason = "SignatureInvalid"
	case errors.Is(err, samlsso.ErrStatus):
		reason = "StatusNotSuccess"
	case errors.Is(err, samlsso.ErrIssuer):
		reason = "IssuerNotMatch"
	case errors.Is(err, samlsso.ErrAudience):
		reason = "AudienceNotMatch"
	case errors.Is(err, samlsso.ErrRecipient):
		reason = "RecipientNotMatch"
	case errors.Is(err, samlsso.ErrExpired):
		reason = "Expired"
	case errors.Is(err, samlsso.ErrNotYetValid):
		reason = "NotYetValid"
	case errors.Is(err, samlsso.ErrSubject):
		reason = "SubjectInvalid"
	default: // samlsso.ErrAttribute and anything new.
		reason = "AttributeInvalid"
	}
	return errInvalidParamCode("AuthenticationFail.SAMLAssertion."+reason, "The SAMLAssertion failed verification: "+err.Error()+".")
}

// errSAMLRoleNotMatch: no value of the assertion's Role attribute names the
// requested role and SAML provider.
func errSAMLRoleNotMatch(roleARN, providerARN string, values []string) *APIError {
	return errInvalidParamCode("AuthenticationFail.SAMLAssertion.RoleNotMatch",
		"The SAMLAssertion does not allow RoleArn "+quote(roleARN)+" with SAMLProviderArn "+quote(providerARN)+
			": its Role attribute values are "+sprintf("%q", values)+". Each value is \"<role ARN>,<SAML provider ARN>\"; in IDaaS, the application account name must equal the RAM role name and the IdP name must equal the SAML provider name.")
}

// EIAM 2021-12-01. No source lists EIAM error codes (FACTS.md):
// every code, status and message here is UNCONFIRMED. They follow the
// families FACTS.md suggests: EntityNotExists.<Entity> (EIAM's plural
// "Exists", unlike RAM's EntityNotExist) with 404, EntityAlreadyExists.
// <Entity> with 409, InvalidParameter.<Name> with 400. Missing required
// parameters answer the gateway's Missing<Name> (errMissingParam).

// errEiamNotExists: the object with that ID does not exist (or is not yet
// visible). entity is Instance, Application, ApplicationTemplate,
// ApplicationAccount, ApplicationRole, User, Group or OrganizationalUnit.
func errEiamNotExists(entity, id string) *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExists."+entity, "The %s %q does not exist.", entity, id)
}

// errEiamAlreadyExists: a unique name is taken, such as a username.
func errEiamAlreadyExists(entity, detail string) *APIError {
	return apiErr(http.StatusConflict, "EntityAlreadyExists."+entity, "%s", detail)
}

// errEiamInvalidParam: a parameter breaks an EIAM rule.
func errEiamInvalidParam(name, why string) *APIError {
	return errInvalidParamCode("InvalidParameter."+name, "The parameter "+name+" is not valid: "+why)
}

// errEiamApplicationEnabled: DeleteApplication of an enabled application.
// Whether IDaaS requires disabling first is UNCONFIRMED (FACTS.md); the
// emulator does, as EIAM does for cloud roles, authorization
// rules and domain proxy tokens (SDK docs of their Delete actions).
func errEiamApplicationEnabled(id string) *APIError {
	return apiErr(http.StatusConflict, "IncorrectStatus.Application", "The application %q is enabled; disable it with DisableApplication before deleting it.", id)
}
