"""Great Expectations suites of sitrep, installed as sitrep.expectations."""
