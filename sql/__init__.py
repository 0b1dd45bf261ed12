"""SQL files of sitrep (DDL, load statements, marts, analysis queries), installed as sitrep.sql."""
