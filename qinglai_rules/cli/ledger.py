"""``qinglai ledger``: the campaign ledger (placeholder until the commands land)."""
