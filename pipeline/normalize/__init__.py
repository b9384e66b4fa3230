"""Pure normalizers: text -> TIMEX3 values (`timex`) and number, unit and currency values (`quantities`).

Nothing here reads a `Doc` or a config: a phrase and an anchor date go in, a value comes out,
so a table of parametrised cases covers each rule.
"""
