// Cue phrases per intent, with weights. They run over normalized text
// (lower case, no punctuation, no apostrophes: "whats", "im") in which a
// clearly named job is replaced by "@job" and a course by "@course", so that
// the "team" in "team lead" does not read as "my team".
import type { IntentName } from './intent-names.js'

export interface Cue {
  intent: IntentName
  pattern: RegExp
  weight: number
}

const cues = (intent: IntentName, list: [RegExp, number][]): Cue[] => list.map(([pattern, weight]) => ({ intent, pattern, weight }))

export const CUES: Cue[] = [
  ...cues('promotion_gap', [
    [/\bpromot(e|ed|es|ing|ion|ions|able)?\b|\bpromo\b/, 2],
    [/\bnext (level|step|grade|rank|band|job|role)\b/, 2],
    [/\b(level up|move up|moving up|step up|climb|career (path|progress|growth))\b/, 1.5],
    [/\bhow (far|close|long)\b/, 2],
    [/\b(missing|lacking|gaps?|short of|falling short)\b/, 2],
    [/\b(become|becoming|get to|make it to|reach|move to|step into|go for)\b/, 1.5],
    [/\bam i (ready|qualified|eligible|close|good enough)\b|\bdo i qualify\b|\bcan i (be|become|get)\b/, 2],
    [/\bwhat (do|else do|would|will) i need\b|\bstill need\b/, 1],
    [/\b(stopping|holding|keeping) me\b/, 1.5],
    [/\bwhat (would|will|does) it take (for )?me\b/, 2],
    [/晋升|升职|晋级|提拔|升迁/, 2],
    [/升级/, 1.5],
    [/还差|差什么|差啥|差哪|差多少|差距|差在哪|差点啥|缺什么|缺啥|缺哪|还缺|短板在哪/, 2],
    [/(离|距离).{0,12}(还|多远|多久|差)/, 1.5],
    [/多远|多久能|什么时候能/, 1],
    [/(升|当|做|成为|当上|升任|升到|晋升为|晋升到)\s*@job/, 1],
    [/(我|想)\S{0,2}(升|当|成为|当上|升任|升到|晋升为|晋升到)\s*@job/, 1],
    [/下一级|下一个级别|更高级别|下个级别|往上走|上一个台阶|更进一步/, 2],
    [/(能|可以|会|够格|够资格)升(?!级)|升(吗|了吗|得了|不了)|够不够格|够格吗/, 2],
  ]),
  ...cues('job_requirements', [
    [/\brequire(s|d|ment|ments)?\b|\bqualifications?\b|\bcriteria\b|\bstandards?\b|\bcompetenc(y|ies)\b|\bjob description\b|\bresponsibilit(y|ies)\b|\bduties\b|\bprerequisites?\b/, 2],
    [/\bwhat does (a |an |the )?.{0,40}\b(need|require|take)\b/, 2],
    [/\bexpected (of|from)\b|\bexpectations (of|for)\b/, 2],
    [/\b(do|does) (a |an |the )?@job (need|require|have)\b/, 2],
    [/\bwhat (is|are) (needed|required)\b|\bneeded (for|to be)\b/, 1.5],
    [/\bskills? (does|do|for|needed|required)\b|\bwhat skills\b/, 1.5],
    [/\b(tell me about|describe|what is) (a |an |the )?@job\b/, 1.5],
    [/任职资格|任职要求|任职条件|任职标准|岗位要求|岗位职责|职位要求|资格要求|能力要求|胜任力|能力模型|岗位说明|职位描述/, 3],
    [/要求|条件|标准|职责|具备|门槛/, 2],
    [/需要什么|要什么|需要哪些|要哪些|需要啥|要啥|要会什么|要会啥|需要会|得会|要满足|需要满足|需要具备|满足(什么|哪些|啥)/, 1],
  ]),
  ...cues('my_tasks', [
    [/\btasks?\b|\bto[ -]?dos?\b|\bremind me\b|\bpending\b|\bdue\b|\bdeadlines?\b|\bassignments?\b|\breminders?\b|\boutstanding\b|\bbacklog\b|\bchecklist\b/, 2],
    [/\boverdue\b|\blate\b|\bbehind\b/, 1.5],
    [/\bassigned\b/, 2],
    [/\bam i assigned\b|\bassigned to me\b|\bi (was|am|have been) assigned\b/, 1.5],
    [/\b(have|need|got) to (do|finish|complete|submit)\b|\bon my plate\b|\bwaiting (on|for) me\b|\bfor me to do\b/, 1.5],
    [/\bevaluations?\b|\bself ?assessments?\b|\bsurveys?\b|\bfill (in|out)\b|\b360\b|\breviews? to\b/, 1.5],
    [/\bmy (trainings?|courses|evaluations?|assessments?)\b/, 1],
    [/\banything (for|pending|due|i need)\b/, 1],
    [/\b(list|show)( me)? my (open |current |pending )?(trainings?|courses|items)\b|\bmy open (trainings?|courses|items)\b/, 2],
    [/\bworking on (this|next) week\b|\bbe working on\b/, 2],
    [/待办|代办|任务|待处理|待完成|待填|待评/, 2.5],
    [/要我做|我要做|要做的|需要我|我该做|我得做|该做的|要处理|要完成|需要完成/, 2],
    [/(没|未)(完成|做完|做|学完|填|提交|交)/, 2],
    [/(今天|这周|本周|最近|现在)(要|该|得)(做|干)|要干嘛|该干嘛|要干啥/, 2],
    [/截止|到期|逾期|过期|超期|deadline|ddl/, 1.5],
    [/(截止|到期|逾期|过期|超期)的?.{0,4}(培训|课|任务|评估)/, 1.5],
    [/评估|评价|考评|自评|互评|填写|要填|反馈/, 1.5],
    [/提醒|事项|清单/, 1],
  ]),
  ...cues('recommend_training', [
    [/\brecommend\w*\b|\bsuggest\w*\b|\badvise\b|\badvice\b/, 2.5],
    [/\b(which|what) (courses?|trainings?|classes|programs?|workshops?)\b/, 2],
    [/\bcourses?\b|\btrainings?\b|\bclasses\b|\bworkshops?\b/, 1],
    [/\b(learn|learning|study|upskill|upskilling|improve|grow|develop)\b/, 1],
    [/\bshould i (take|learn|study|do|attend)\b|\bi should (take|learn|study|do|attend)\b/, 1.5],
    [/\bwhat (should|can|could) i (learn|study|take)\b|\bwhat to (learn|study)\b/, 2],
    [/\bfind (me )?(a |some )?(courses?|training)\b|\b(courses?|training) (for|to)\b/, 1.5],
    [/推荐|建议/, 2.5],
    [/(上|学|选|看)(什么|啥|哪些|哪门|哪个)|学点什么|学点啥|什么课|哪些课|啥课|哪门课|有什么课|有啥课|好课/, 2.5],
    [/课|培训|学习|进修|充电/, 1],
    [/提升|提高|补短板|成长|进步|加强/, 1],
    [/该学|应该学|适合我/, 1.5],
    [/适合.{0,6}(课|培训)|(课|培训).{0,4}适合|有没有.{0,8}(课|培训)/, 1.5],
    [/(怎么|怎样|如何)(提升|提高|加强|学习|进步)/, 2],
  ]),
  ...cues('enrol', [
    [/\benrol+(ment|ing|led)?\b|\bsign (me )?up\b|\bsignup\b|\bregister\b|\bjoin\b|\bbook me\b|\badd me\b|\bput me (in|on|down)\b|\bsubscribe\b|\bcount me in\b/, 3],
    [/\b(id like to|i would like to|i want to|i wanna|can i|could i|let me|id love to) (take|attend|do|start)\b/, 1.5],
    [/报名|报个名|帮我报|报一下|给我报|报上|报班|选课|我要报|我想报/, 3],
    [/参加|加入|注册|预约|参与/, 2],
    [/我(要|想)学|想上|要上/, 1],
    [/选一下|安排一下|帮我选|帮我安排/, 1.5],
    [/(报|加|上)(一下|上)?\s*@course/, 2.5],
  ]),
  ...cues('training_done', [
    [/\bfinished\b|\bcompleted\b|\bdone with\b|\bpassed\b|\bgraduated\b|\bwrapped up\b|\bive done\b|\bmark\b.{0,60}\b(done|complete|completed|finished)\b/, 3],
    [/\b(took|attended|did)\b/, 2],
    [/\bdone\b/, 1.5],
    [/\b(already|just|finally)\b/, 0.5],
    [/(?<![没未])(学完|上完|听完|看完|考完|修完|做完|读完)/, 3],
    [/(?<![没未])完成了|已完成|已经完成|完课|结业|结课|毕业|通过了|考过了|结束了/, 2.5],
    [/(?<![没未要待需])完成(?!率|度|情况)/, 1.5],
    [/[了啦]$/, 0.5],
  ]),
  ...cues('team_overview', [
    [/\bteams?\b|\b(my|our) (group|squad|department|reports|direct reports|directs|staff|people|org)\b/, 2.5],
    [/\b(on|in) my team\b|\bmy team\b/, 1],
    [/\breports\b|\bsubordinates?\b|\breportees\b/, 1.5],
    [/\bteam (status|overview|progress|readiness|summary|dashboard)\b|\bhows the team\b/, 1],
    [/\bwho(s| is| are)? (overdue|behind|late)\b/, 2],
    [/团队|下属|组员|手下|部下|我们组|组里|本组|我组|部门里|我们部门|直属|组内|我带的|下面的人/, 3],
    [/谁(逾期|没完成|还没|没学|拖)/, 2],
    [/概况|情况|进度|怎么样/, 0.5],
  ]),
  ...cues('who_is_ready', [
    [/\bcandidates?\b|\bshortlist\w*\b|\bvacanc(y|ies)\b|\bsuccess(ion|or|ors)\b|\bbest fit\b|\bopen (role|position|job)\b/, 2.5],
    [/\bwho(s| is| are)? (ready|qualified|eligible|suitable|fit|good enough|prepared)\b|\bwho (can|could|should|would|might)\b|\b(anyone|anybody|someone|somebody) (ready|qualified|eligible|who)\b|\bwho(s| is| are)? (closest|nearest|best|most ready)\b/, 2.5],
    [/\bfind (me )?(someone|somebody|people|a person)\b|\bfill (the |a |this |that )?(@job|role|position|vacancy|seat)\b/, 2],
    [/谁(能|可以|适合|够|准备好|有资格|符合|来|行|最适合|合适)|有谁|哪些人|哪位|哪个人|什么人/, 2.5],
    [/候选|人选|空缺|继任|接班|顶上|接替|胜任(?!力)|储备|合适的人|找.{0,10}的人/, 2.5],
  ]),
  // HR announcing a course to a channel: a verb of sending plus a course or the word for one.
  ...cues('broadcast', [
    [/\bbroadcast\w*\b/, 3.5],
    [/\bannounce\w*\b|\bannouncement\b/, 2],
    [/\b(post|push|send|share|roll out|assign|announce|announcing)\b.{0,30}\b(courses?|trainings?|@course)\b.{0,30}\b(channel|group|everyone|everybody|all staff|whole (team|department|company))\b/, 3.5],
    [/\b(to|in|into) (the |this |our |a )?([a-z@-]+ )?(channel|group|group chat)\b/, 1.5],
    [/广播|群发/, 3.5],
    [/(发布|推送|下发|布置|发|推|通知)(一下|一个|一门|个)?.{0,8}(培训|课程|学习任务|@course).{0,10}(到|给|在)?.{0,4}(群|频道|全员|大家|所有人)/, 3],
    [/(发布|下发|布置)(一下|一个|一门|个)?.{0,6}(培训|课程|学习任务)|培训通知|课程通知/, 3],
    [/(培训|课程|学习任务|@course).{0,8}(推送|推|发|发布|通知|下发)(到|给|至)(群|频道|全员|大家|所有人)/, 3.5],
  ]),
  // HR asking how a broadcast is going: completion of an announced course.
  ...cues('broadcast_report', [
    [/\b(broadcast\w*|announc\w*)\b.{0,30}\b(report|completion|progress|status|results?|stats)\b/, 5],
    [/\b(report|completion|progress|status|results?|stats)\b.{0,30}\b(broadcast\w*|announc\w*)/, 5],
    [/\bwho (has not|hasnt|havent|have not|did not|didnt) (finished|completed|done)\b.{0,30}\b(broadcast\w*|announc\w*)/, 5],
    [/\bhow(s| is| are| did| has)\b.{0,25}\b(broadcast\w*|announc\w*)/, 5],
    [/(广播|发布的?培训|群发的?培训|培训通知).{0,6}(完成情况|完成率|完成进度|进度|统计|报告|结果)/, 5],
    [/(培训|课程)(的)?(完成情况|完成率|完成统计|完成报告)/, 3],
  ]),
  // Launching a 360 cycle: a verb of starting next to "360" or a feedback cycle.
  ...cues('launch_360', [
    [/\b(launch|start|kick ?off|run|create|set ?up|begin|initiate|organi[sz]e|open|new)\b.{0,24}\b(360|three sixty|feedback (cycle|round|campaign|survey))\b/, 4],
    [/\b(360|feedback) (cycle|round|campaign)?\s?\b(launch|start|kickoff|setup|new)\b/, 3.5],
    [/(发起|启动|开启|开展|组织|创建|新建|开始|搞|做)(一[个轮次场])?.{0,8}(360|三六零|民主测评|环评|全方位评估|多维评估|多方评估)/, 3.5],
    [/(360|三六零)(度)?(评估|评价|反馈|测评)?.{0,4}(发起|启动|开启|新建|创建)/, 3.5],
  ]),
  ...cues('help', [
    [/^(hi|hello|hey|yo|hiya|howdy|greetings|morning|good (morning|afternoon|evening)|sup)\b/, 1.5],
    [/^help( me)?$/, 3],
    [/^(thanks|thank you|thx|ty|cheers)\b/, 1.5],
    [/^(谢谢|多谢|感谢|辛苦)/, 1.5],
    [/\bhelp\b/, 1],
    [/\bwhat (can|do) you do\b|\bwhat are you\b|\bwho are you\b|\bhow (does this|does it|do you) work\b|\bhow (do i|to) use\b|\bcommands?\b|\busage\b|\bwhat can i ask\b|\bfeatures\b/, 2.5],
    [/^(你好|您好|嗨|哈喽|哈啰|嘿|在吗|在不在|早上好|下午好|晚上好)/, 1.5],
    [/帮助|使用说明|说明书|使用方法|怎么用|如何使用|怎么使用|使用指南/, 2.5],
    [/你(能|会|可以)(做|干)?(什么|啥)|(?<!我)(能|会|可以)(做|干)(什么|啥)|有(什么|哪些|啥)功能|功能(介绍|列表)|你是谁/, 2.5],
    [/机器人/, 1],
  ]),
]

/** Speaks about the sender: "I", "my", "我" (not "我们"). */
export const SELF = /\b(i|im|ive|id|me|my|mine|myself)\b|我(?!们)/
/** Asks about other people. */
export const WHO = /\bwho(s|m)?\b|\b(anyone|anybody|someone|somebody|people|candidates?)\b|谁|哪些人|哪位|哪个人|候选|人选|的人/
/** Speaks about the sender's team. */
export const TEAM = /\bteams?\b|\b(my|our) (group|squad|department|reports|direct reports|directs|staff|people|org)\b|\breports\b|\bsubordinates?\b|团队|下属|组员|手下|部下|我们组|组里|本组|我组|部门里|我们部门|直属|组内|我带的|下面的人/
/** Readiness or progress words that, about a team, ask for the team overview. */
export const READINESS = /\b(ready|promot\w*|overdue|behind|late|progress|qualified)\b|晋升|升职|逾期|完成|准备|进度|学完/

/** English words the speller may correct a typo to, besides job and course words. */
export const CUE_WORDS = [
  'promotion', 'promoted', 'promote', 'requirements', 'requirement', 'qualifications', 'qualified', 'criteria', 'standard',
  'recommend', 'recommendations', 'recommendation', 'suggest', 'suggestions', 'courses', 'course', 'training', 'trainings',
  'enrol', 'enroll', 'register', 'finished', 'completed', 'evaluation', 'evaluations', 'overdue', 'pending', 'candidates',
  'vacancy', 'shortlist', 'commands', 'tasks', 'assignments', 'deadline', 'reminders', 'expected', 'missing', 'become',
  'ready', 'learn', 'study', 'improve', 'passed', 'responsibilities', 'department', 'eligible', 'broadcast', 'announce',
  'launch', 'feedback', 'channel',
]
