#ifndef RKIT_CHARFBUZZ_SHIM_H
#define RKIT_CHARFBUZZ_SHIM_H
// HarfBuzz: shaping (glyphs and advances of the paper's text) and its
// subsetter (the glyphs the PDF embeds). Only RecoveryKitPrint/FontFace.swift
// and FontSubset.swift see it.
#include <hb.h>
#include <hb-subset.h>
#include <hb-ot.h>
#endif
