// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

// NewInstanceDataSource returns the idaas_instance data source.
func NewInstanceDataSource() datasource.DataSource {
	return framework.NewDataSource("instance", instanceDataSourceSchema, readInstance)
}

// instanceObject names the object in diagnostics.
const instanceObject = "IDaaS instance"

func instanceDataSourceSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An IDaaS (EIAM) instance of the provider's region: the one named by `id`, or, without " +
			"`id`, the only instance there is. With several instances, `id` is required, and the error lists them.",
		Attributes: map[string]schema.Attribute{
			"id":               framework.LookupString("The instance ID, e.g. `idaas_ue2jvisn35ea5lmthk267xxxxx`. Leave it out to use the only instance."),
			"status":           framework.ComputedString("The instance's status, e.g. `running`."),
			"description":      framework.ComputedString("The description, or null when there is none."),
			"default_endpoint": framework.ComputedString("The instance's default domain, where users reach its portal, e.g. `xxxx.aliyunidaas.com`."),
			"create_time":      framework.ComputedString("When the instance was created, " + eiamTimeDescription + "."),
		},
	}
}

func readInstance(ctx context.Context, c *client.Client, config *instanceDataSourceModel, diags *diag.Diagnostics) bool {
	conn := c.EIAM()
	var (
		instance *client.Instance
		err      error
	)
	if id := config.ID.ValueString(); id != "" {
		instance, err = conn.GetInstance(ctx, id)
		if err != nil {
			framework.AddAPIError(diags, "reading", instanceObject, id, err)
			return false
		}
	} else {
		instance, err = findOnlyInstance(ctx, conn)
		if err != nil {
			diags.AddError("Error finding the IDaaS instance", framework.APIErrorDetail(instanceObject, "", err))
			return false
		}
	}
	*config = flattenInstance(instance)
	return true
}

// findOnlyInstance returns the one instance of the region. None and several
// are errors that say what to do.
func findOnlyInstance(ctx context.Context, conn client.EIAM) (*client.Instance, error) {
	instances, err := conn.ListInstances(ctx, client.ListInstancesInput{})
	if err != nil {
		return nil, err
	}
	switch len(instances) {
	case 0:
		return nil, errors.New("there is no IDaaS instance in the provider's region; create one in the IDaaS console, or check the provider's region and endpoints.eiam")
	case 1:
		return &instances[0], nil
	}
	ids := make([]string, 0, len(instances))
	for _, i := range instances {
		ids = append(ids, i.InstanceID)
	}
	slices.Sort(ids)
	return nil, fmt.Errorf("there are %d IDaaS instances (%s); set id to the one to use", len(ids), strings.Join(ids, ", "))
}

func flattenInstance(i *client.Instance) instanceDataSourceModel {
	return instanceDataSourceModel{
		ID:              types.StringValue(i.InstanceID),
		Status:          types.StringValue(i.Status),
		Description:     framework.StringOrNull(i.Description),
		DefaultEndpoint: types.StringValue(i.DefaultEndpoint),
		CreateTime:      eiamTime(i.CreateTime),
	}
}

type instanceDataSourceModel struct {
	ID              types.String `tfsdk:"id"`
	Status          types.String `tfsdk:"status"`
	Description     types.String `tfsdk:"description"`
	DefaultEndpoint types.String `tfsdk:"default_endpoint"`
	CreateTime      types.String `tfsdk:"create_time"`
}
