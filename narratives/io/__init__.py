"""Files: the project file (atomic save, schema version, migrations), workbooks, pasted rows."""
