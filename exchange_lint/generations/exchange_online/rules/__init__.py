"""The rules of the Exchange Online generation, one module per rule (EXL106 is shared: `exchange_lint.rules`)."""
