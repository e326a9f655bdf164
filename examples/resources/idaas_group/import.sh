# A group is imported by <instance_id>/<group_id>:
terraform import idaas_group.admins idaas_ue2jvisn35ea5lmthk267xxxxx/group_d6sbsuumeta4h66ec3il7yxxxx
