import { describe, expect, it } from 'vitest'
import { csvCell, csvCellText } from '../../core/kernel/csv-cell.js'

describe('csvCell / csvCellText', () => {
  it.each(['=1+1', '+x', '-3', '@SUM(A1)', '\tx', '\rx', "'=x", "''", "'"])('neutralises %j with one leading apostrophe', (text) => {
    expect(csvCell(text)).toBe(`'${text}`)
  })

  it('leaves other text and every number alone', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('')).toBe('')
    expect(csvCell(' =x')).toBe(' =x')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(2.5)).toBe('2.5')
  })

  it('reads back exactly what it wrote, whatever the text', () => {
    const starts = ['', "'", "''", '=', '+', '-', '@', '\t', '\r', 'a', ' ', '\n']
    for (const a of starts)
      for (const b of starts)
        for (const rest of ['', 'x', '=1']) {
          const text = a + b + rest
          expect(csvCellText(csvCell(text)), JSON.stringify(text)).toBe(text)
        }
  })

  it('keeps a hand-typed apostrophe that did not come from the neutraliser', () => {
    expect(csvCellText("'plain")).toBe("'plain")
    expect(csvCellText("O'Brien")).toBe("O'Brien")
  })
})
