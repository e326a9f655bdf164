import {
  to = idaas_group.admins
  id = "idaas_ue2jvisn35ea5lmthk267xxxxx/group_d6sbsuumeta4h66ec3il7yxxxx"
}
