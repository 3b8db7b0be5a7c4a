"""The law base: instruments, participation, the IHL rules catalogue, the applicable-law
engine, and the register of bilateral agreements."""
