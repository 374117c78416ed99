// The score someone states when they say they finished a course: "我学完了 RD-101 得分 70",
// "考了70分", "done RD-101 score 70", "got 85%". Pure. A number that is part of a
// course code (RD-101) or a duration (30分钟) is never a score.

const PATTERNS: readonly RegExp[] = [
  // 得分 70, 分数:70, 成绩 70 分, 考了70分, 得了 90, 拿了85分
  /(?:得分|分数|成绩|考了|考得|得了|拿了|打了|考试)\s*(?:是|为)?\s*[:：]?\s*(\d{1,3})(?![\d.])/,
  // 70分 (not 70分钟)
  /(?<![\w.-])(\d{1,3})\s*分(?!钟)/,
  // score 70, scored 70, score: 70, score of 70, score was 70, got 70, with a 70, mark 70, grade 70, result 70
  /\b(?:scor(?:e|ed|es|ing)|got|get|with|mark|grade|result)\b\s*(?:of|was|is|a|an|:)?\s*(?:of\s+)?(\d{1,3})(?![\d.-])/i,
  // 70 points, 70 pts, 70%, 70 percent, 70/100
  /(?<![\w.-])(\d{1,3})\s*(?:points?\b|pts\b|%|percent\b|\/\s*100\b)/i,
]

/** The score (0–100) stated in the text, or undefined when it states none. */
export function statedScore(text: string | undefined): number | undefined {
  if (!text) return undefined
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text)
    if (!match) continue
    const score = Number(match[1])
    if (Number.isInteger(score) && score >= 0 && score <= 100) return score
  }
  return undefined
}
