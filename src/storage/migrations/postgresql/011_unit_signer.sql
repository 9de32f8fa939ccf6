-- Who signs a unit's documents (the Nghị định 30 signature block): the authority line
-- ("TM. ỦY BAN NHÂN DÂN"), the deputy line ("KT. CHỦ TỊCH"), the position ("PHÓ CHỦ TỊCH") and the
-- name. All empty means the documents print the default block of the unit's kind.
ALTER TABLE units ADD COLUMN signer_authority TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN signer_deputy TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN signer_position TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
