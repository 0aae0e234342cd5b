//! Drawing: charts, award seals and share cards, as SVG (and PNG for cards). Pure: values in,
//! pictures out; nothing here reads or writes a file.

pub mod badges;
pub mod charts;
pub mod deflate;
pub mod glyphs;
pub mod huffman;
pub mod indexed_png;
pub mod measure;
pub mod previews;
pub mod row_deflate;
