// Package secure protects commands that move money into a meter (the
// credit push, DL/T 645 control code 0x03): message authentication codes
// computed with a per-meter key, behind one interface so that the 3DES
// retail MAC of older ESAM generations and SM4 of newer ones can sit side
// by side (docs/PROTOCOLS.md §1.9: which one a given meter uses is per model).
//
// It depends only on the standard library.
package secure
