"""``o2c demo``: the whole cycle on a workspace of its own (see ``run``)."""
