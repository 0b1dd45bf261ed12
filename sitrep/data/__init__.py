"""Data files of sitrep: lexicons, actors, gazetteer, crosswalk."""
