"""Everything that touches the rotation file's bytes: reading, parsing, patching, writing.

`read` reads bytes within limits and decodes them; `document` parses the round-trip
document and maps values to positions (`c_reader` reads the same through the C scanner);
`errors` places schema errors; `load` puts those together into a `Loaded` file; `flow`
finds flow brackets and quotes in the text; `patch` edits the text and reads it back;
`atomic` replaces the file whole.
"""
