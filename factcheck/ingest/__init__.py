"""Reading sources: files and their facts, page furniture, sentences, YAML with file:line errors."""
