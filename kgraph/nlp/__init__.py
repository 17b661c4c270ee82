"""Language machinery shared by the recognisers: sentences and tokens."""
