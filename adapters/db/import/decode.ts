// The text of an import file from its bytes: the one decoder every entry point
// (`ladder import`, the demo seed, any upload) goes through, inside importFiles.
// Excel saves "CSV" in GBK on a Chinese Windows, "CSV UTF-8" with a BOM and
// "Unicode text" in UTF-16LE with a BOM; all of them are read, and bytes that
// none of them explains are refused, never replaced by U+FFFD.
//
// Order: a byte-order mark decides; NUL bytes mean UTF-16 (they are valid
// UTF-8, so this comes before UTF-8: UTF-16 of plain ASCII text is valid UTF-8
// full of NULs); then UTF-8 (unless the text looks like GBK in disguise: that
// file is refused); then GB18030 (a superset of GBK). Every decoder is fatal:
// one invalid sequence refuses the file.

export type Encoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030'

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string }

const SAVE_AS = `save it as "CSV UTF-8" in Excel (or UTF-8 from any editor) and import it again`

const BOMS: [bytes: number[], encoding: Encoding][] = [
  [[0xef, 0xbb, 0xbf], 'UTF-8'],
  [[0xff, 0xfe], 'UTF-16LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
  [[0x84, 0x31, 0x95, 0x33], 'GB18030'],
]

const LABEL: Record<Encoding, string> = { 'UTF-8': 'utf-8', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be', GB18030: 'gb18030' }

/** The bytes as text in `encoding`, or null when they are not valid in it. The BOM, if any, is dropped. */
function tryDecode(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(LABEL[encoding], { fatal: true }).decode(bytes)
  } catch {
    // TypeError: an invalid sequence for this encoding.
    return null
  }
}

export function decodeImportFile(bytes: Uint8Array): Decoded {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b))
  if (bom) return decodedAs(bytes, bom[1], `it starts with a ${bom[1]} byte-order mark but is not valid ${bom[1]}`)
  if (bytes.includes(0)) {
    const utf16 = utf16ByNuls(bytes)
    if (!utf16) return { ok: false, reason: `the file holds NUL bytes but is not UTF-16 text: ${SAVE_AS}` }
    return decodedAs(bytes, utf16, `it looks like ${utf16} (without a byte-order mark) but is not valid ${utf16}`)
  }
  const utf8 = tryDecode(bytes, 'UTF-8')
  if (utf8 !== null) {
    const ambiguous = gbkInDisguise(utf8, bytes)
    if (!ambiguous) return checked(utf8, 'UTF-8')
    return {
      ok: false,
      reason: `the file could be UTF-8 ("${ambiguous[0]}") or GBK ("${ambiguous[1]}"), which Ladder cannot tell apart: ${SAVE_AS}`,
    }
  }
  const gb = tryDecode(bytes, 'GB18030')
  if (gb !== null) return checked(gb, 'GB18030')
  return { ok: false, reason: `the file is not UTF-8, GB18030/GBK or UTF-16 text: ${SAVE_AS}` }
}

function decodedAs(bytes: Uint8Array, encoding: Encoding, invalid: string): Decoded {
  const text = tryDecode(bytes, encoding)
  return text === null ? { ok: false, reason: `${invalid}: ${SAVE_AS}` } : checked(text, encoding)
}

/**
 * One Chinese name in GBK is valid UTF-8 about one time in thirty (谢伟 is the
 * bytes of "лΰ"), so a small GBK file can pass for UTF-8. The tell: read as
 * UTF-8 it has no CJK at all, only two-byte letters of other scripts (Latin
 * ones, José or Müller, are taken for UTF-8), while read as GB18030 all its
 * non-ASCII text is Chinese. Returns the first such text in both readings.
 */
function gbkInDisguise(utf8: string, bytes: Uint8Array): [utf8: string, gbk: string] | null {
  if (/[\u0800-\u{10ffff}]/u.test(utf8) || !/[^\p{ASCII}\p{Script=Latin}]/u.test(utf8)) return null
  const gb = tryDecode(bytes, 'GB18030')
  if (gb === null || !/^[\p{ASCII}\p{Script=Han}\u00b7\u3000-\u303f\uff00-\uffef]*$/u.test(gb)) return null
  const firstRun = (text: string) => /\P{ASCII}+/u.exec(text)![0]
  return [firstRun(utf8), firstRun(gb)]
}

/**
 * UTF-16 text of spreadsheet data is mostly ASCII (codes, e-mails, dates), whose
 * high byte is NUL: at odd offsets in UTF-16LE, at even ones in UTF-16BE.
 */
function utf16ByNuls(bytes: Uint8Array): Encoding | null {
  if (bytes.length % 2 !== 0) return null
  let even = 0
  let odd = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++
      else odd++
    }
  }
  // A few NULs on the other side are characters such as 一 (U+4E00).
  const pairs = bytes.length / 2
  if (odd >= pairs / 4 && even < odd / 4) return 'UTF-16LE'
  if (even >= pairs / 4 && odd < even / 4) return 'UTF-16BE'
  return null
}

/**
 * Text that decoded without error can still be a wrong guess: control
 * characters (NUL, C1 controls) and private-use characters never occur in
 * spreadsheet cells, but do when bytes are read in the wrong encoding.
 */
function checked(text: string, encoding: Encoding): Decoded {
  // Cc: C0 and C1 controls (tab, line feed and carriage return are fine); Co: private use.
  const bad = /(?![\t\n\r])[\p{Cc}\p{Co}]/u.exec(text)
  if (!bad) return { ok: true, text, encoding }
  const line = text.slice(0, bad.index).split(/\r\n|\r|\n/).length
  const code = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  return {
    ok: false,
    reason: `read as ${encoding}, line ${line} holds the control or private-use character ${code}, so the encoding is not ${encoding} or the file is damaged: ${SAVE_AS}`,
  }
}
