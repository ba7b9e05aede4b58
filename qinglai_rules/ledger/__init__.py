"""The campaign ledger: the commitment inventory (自查建账), ledger entries and their rectification
(整治督办), progress against the plan's targets and the monthly report (验收追责)."""
