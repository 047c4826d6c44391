"""The rules that relate a hybrid organization's two sides, one module per rule. A rule about
one side alone belongs to that side's generation (`exchange2007_se/rules`, `exchange_online/rules`)."""
