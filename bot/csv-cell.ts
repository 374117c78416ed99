/** A cell a spreadsheet would read as a formula is written as text. */
export const safeCell = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)
