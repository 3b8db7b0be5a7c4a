"""Accord: the information system of the agreement on new weapons and technologies under IHL."""
