"""Joint legal expertise: the weapons register, joint reviews (the Article 36 review done
together), findings, each party's conclusion, and the interoperability matrix."""
