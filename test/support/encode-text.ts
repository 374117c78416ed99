// Text → bytes in the encodings Excel writes, for import tests. Node decodes
// GB18030 but has no encoder: the table is built by decoding every two-byte
// sequence once (GBK), and four-byte sequences are computed (GB18030 maps
// U+10000… linearly from 0x90308130; the BMP ones are looked up the same way).

let twoByte: Map<string, number[]> | null = null
let fourByteBmp: Map<string, number[]> | null = null

function tables(): { twoByte: Map<string, number[]>; fourByteBmp: Map<string, number[]> } {
  if (twoByte && fourByteBmp) return { twoByte, fourByteBmp }
  const decoder = new TextDecoder('gb18030', { fatal: true })
  const decode = (bytes: number[]): string | null => {
    try {
      return decoder.decode(Uint8Array.from(bytes))
    } catch {
      return null
    }
  }
  twoByte = new Map()
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue
      const char = decode([a, b])
      if (char !== null && !twoByte.has(char)) twoByte.set(char, [a, b])
    }
  }
  fourByteBmp = new Map()
  for (let a = 0x81; a <= 0x84; a++) {
    for (let b = 0x30; b <= 0x39; b++) {
      for (let c = 0x81; c <= 0xfe; c++) {
        for (let d = 0x30; d <= 0x39; d++) {
          const char = decode([a, b, c, d])
          if (char !== null && !fourByteBmp.has(char)) fourByteBmp.set(char, [a, b, c, d])
        }
      }
    }
  }
  return { twoByte, fourByteBmp }
}

/** GBK (Excel's "CSV" on a Chinese Windows): throws on a character GBK lacks, as Excel would write "?". */
export function encodeGbk(text: string): Uint8Array {
  const { twoByte } = tables()
  return Uint8Array.from(
    [...text].flatMap((char) => {
      if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)]
      const bytes = twoByte.get(char)
      if (!bytes) throw new Error(`GBK has no ${char}`)
      return bytes
    }),
  )
}

/** GB18030: GBK plus four-byte sequences for every other code point. */
export function encodeGb18030(text: string): Uint8Array {
  const { twoByte, fourByteBmp } = tables()
  return Uint8Array.from(
    [...text].flatMap((char) => {
      const code = char.codePointAt(0)!
      if (code < 0x80) return [code]
      const bytes = twoByte.get(char) ?? fourByteBmp.get(char)
      if (bytes) return bytes
      if (code < 0x10000) throw new Error(`no GB18030 sequence found for ${char}`)
      let n = code - 0x10000
      const d = 0x30 + (n % 10)
      n = Math.floor(n / 10)
      const c = 0x81 + (n % 126)
      n = Math.floor(n / 126)
      return [0x90 + Math.floor(n / 10), 0x30 + (n % 10), c, d]
    }),
  )
}

/** UTF-16 little- or big-endian, with or without the byte-order mark. */
export function encodeUtf16(text: string, order: 'LE' | 'BE', withBom: boolean): Uint8Array {
  const le = Buffer.from(`${withBom ? '\uFEFF' : ''}${text}`, 'utf16le')
  return order === 'LE' ? le : le.swap16()
}
