// The text of an import file as it arrives from disk or an upload. Excel on a
// Chinese Windows saves "CSV" in GBK, not UTF-8: bytes that are not valid UTF-8
// are read as GB18030 (a superset of GBK), so 研发中心 stays 研发中心.
const utf8 = new TextDecoder('utf-8', { fatal: true })
const gb18030 = new TextDecoder('gb18030')

export function decodeImportFile(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    // TypeError: not UTF-8.
    return gb18030.decode(bytes)
  }
}
