"""The words the commitment extractor reads: who acts, what verb commits, what kind of thing is given,
what status the text reports, and what is *not* a commitment.

Everything is matched on normalised text (Simplified, half-width). The lists are the labelling policy
of ``corpus/inventory.yaml`` written as patterns; docs/ledger.md explains each choice.
"""

from __future__ import annotations

import re

KINDS = ("money", "land", "tax-fee", "service", "payment", "infrastructure", "other")
KIND_TITLES = {
    "money": "资金奖励补贴",
    "land": "土地",
    "tax-fee": "税费优惠",
    "service": "服务协调",
    "payment": "支付欠款",
    "infrastructure": "基础设施",
    "other": "其他",
}
STATUSES = ("已兑现", "部分兑现", "未兑现")

# --- verbs ----------------------------------------------------------------------------------
# Giving verbs name something handed to the firm: a firm mentioned before them is the topic
# (乙方项目投产后…给予奖励), not the actor, unless a modal makes it act (乙方应当…支付).
_NUM = r"[\d一二两三四五六七八九十百千万]"
GIVE = re.compile(
    r"给予|予以(?!清理|规范|纠正|追回|补偿|赔偿|处罚|落实|受理|公示)|一次性(?:给予)?(?:奖励|补助|补贴)"
    rf"|(?:奖励|补助|补贴|奖补)(?=\s*{_NUM})|奖励给|以奖代补|返还|退还|减免|免收|免征|免缴|减半征收|不再增收"
    r"|拨付|支付|付清|兑现|兑付|补足|回购|租赁给|出租给|优先安排|承诺(?!限期|书)"
)
PAY = re.compile(r"支付|拨付|付清|清偿|偿还|兑付|兑现")
# Duty verbs need a government actor (or, in policies, minutes and status reports, no actor at all).
DUTY = re.compile(
    r"负责(?!人|同志)|承担|提供|保障|协调|确保|完成|修建|建设至|接至|出资|代办|帮办|包保|先行受理|作出答复"
    r"|开辟|压缩|组织.{0,6}对接|建立.{0,10}(?:服务|包保)|做好.{0,8}服务"
)
# Statements of (non-)performance are commitment records in themselves (尚欠工程款436万元).
TRIGGER = re.compile(
    r"尚欠|未付|尚有.{0,12}未|未予支付|未再安排支付|尚未(?:拨付|兑现|支付|履行|修建|建设|接入|开工)"
    r"|暂缓(?:兑现|支付|拨付|执行|履行)|暂不(?:支付|拨付|执行|兑现|具备支付条件)|不再(?:兑现|执行|拨付)"
    r"|暂停(?:执行|办理)|至今未|不予认可|已兑现|已拨付|累计支付"
)

# --- actors ---------------------------------------------------------------------------------
COMPANY = re.compile(
    r"[\u4e00-\u9fff()（）]{2,30}?(?:有限责任公司|股份有限公司|有限公司|集团有限公司|集团|公司)"
)
GOV_COMPANY = re.compile(r"城投|城市建设投资|建设投资|国有资产|国有投资|国有资本|国资|投资运营|投资开发|国有企业|国有")
GOV_ACTOR = re.compile(
    r"甲方|会议|人民政府|市政府|县政府|区政府|政府|管委会|管理委员会|财政|局(?![面部势限])|委(?![托员])|厅"
    r"|办公室|政务服务中心|服务中心|审批部门|有关部门|部门|我局|我办|我县|我市|我区|城投"
)
FIRM_ACTOR = re.compile(
    r"乙方|丙方|企业|投资方|投资者|投资人|施工单位|申请执行人|项目公司|该项目|该工程|该公司|贵公司|你公司"
    r"|社会资本|出资人"
)
MODAL = re.compile(r"应当|应于|应|须|必须|保证|自行|可以|可按|可")

# --- kinds (ordered: the first that matches wins) -------------------------------------------
OTHER_SIGNAL = re.compile(
    r"担保|连带责任保证|固定回报|保底|收益率|回购|差额部分.{0,12}补足|直接交由|交由.{0,16}直接|直接委托"
    r"|直接承建|直接建设|不再另行(?:组织)?招标|指定的施工单位|优先采购"
)
LAND_PRICE = re.compile(r"出让金|土地价款|地价|出让收入")
TAX_BASE = re.compile(r"增值税|所得税|税收|留成|留存部分|地方财力|财力贡献|纳税|缴纳税|上缴税")
FEE = re.compile(r"(?:免收|减免|减半|免征|免缴|不再收取).{0,15}费|配套费|行政事业性收费|规费")
MONEY = re.compile(r"补助|奖励|补贴|扶持资金|扶持事项|扶持|奖补|贴息|奖金")
PAYMENT = re.compile(
    r"工程款|欠款|尚欠|拖欠|货款|服务费|执行款|工程价款|结算|判决|裁决|清偿|偿还|款项|未付|付清|本金|费用"
)
LAND_STRONG = re.compile(r"征地|拆迁|征收|供地|土地供应|用地保障|预留用地|挂牌|交付土地|零地价")
INFRA = re.compile(
    r"道路|公路|管网|管线|七通一平|场地平整|基础设施|配套设施|厂房|变电|接入工程|附着物清理|配套(?!费)"
    r"|(?:供水|排水|给排水|供电|电力|通讯|供暖|供热|燃气|蒸汽).{0,30}(?:接至|建设至|接入|建设|修建)"
)
LAND = re.compile(r"用地(?!红线)|土地")
SERVICE = re.compile(
    r"代办|帮办|服务|包保|受理|答复|审批|办理|便利|通关|绿色通道|培训|指导|对接活动|协调解决|开办时间"
)

# Service nouns that commit by themselves (对入区项目实行“一窗受理、并联审批”).
SERVICE_ACT = re.compile(r"代办|帮办|包保|绿色通道|协调解决|一窗受理|并联审批|容缺受理")

# --- not commitments ------------------------------------------------------------------------
PROHIBITION = re.compile(r"不得|严禁|禁止")
META = re.compile(r"作出的.{0,6}承诺|履行.{0,12}承诺|合法承诺|政策承诺|承诺的履行|扶持承诺|承诺事项")
REMEDY = re.compile(r"违约|赔偿|补偿|免除责任|不承担")  # contracts and policies: liability, not promises
RIGHTS = re.compile(r"有权|单方|可以(?:依法)?(?:解除|收回|调整)|可根据.{0,12}(?:调整|解除)")
CLEANUP = re.compile(r"(?<!附着物)清理|合法性审查|审查|不符合|解除|研究制定|制定.{0,10}(?:方案|措施|办法)|重新研究")
LIGHT_HELP = re.compile(r"协助.{0,16}(?:申报|对接|办理|认定)|帮助.{0,6}申报|辅导")
NATIONAL = re.compile(
    r"依法享受|享受国家|依法减按|国家规定的.{0,16}(?:优惠|减免|政策)"
    r"|按照?国家(?:有关|和省)?(?:有关)?规定.{0,4}(?:享受|减按|计征|办理|申请)|留抵退税"
)
TALENT = re.compile(r"安家|子女入学|住房补贴|生活补贴|人才公寓|高层次人才|引进的.{0,10}人才|对.{0,6}人才")
CONTACT = re.compile(r"指定.{0,20}(?:联络|联系)|联络单位")
TABLE_REF = re.compile(r"按(?:照)?下表|按本协议附表|按附表")
TRANSFER = re.compile(r"资金来源|配套资金|转移支付|中央补助资金|上级补助|专项资金下达")
OTHER_RULES = re.compile(r"追回|骗取|从其规定|从优不重复|就高不重复|负责解释|自.{0,12}起施行|有效期")
PROCEDURE = re.compile(r"公示|审核结果|进行(?:联合)?审核|完成审核|提出(?:书面)?申请|提交.{0,10}(?:申请|材料)|申报通知")
INTERNAL = re.compile(
    r"负责(?:协调)?落实|协调落实|负责督促|负责(?:向|与).{0,14}(?:解释|沟通|对接|对账)|负责.{0,4}(?:通知|解释)"
    r"|做好.{0,6}解释|跟踪管理|监督管理|监管"
)
SKIPPED_HEADING = re.compile(r"原因|已开展")

# --- minutes --------------------------------------------------------------------------------
MINUTES_MARK = re.compile(r"会议(?:议定|同意|决定|明确|原则同意)|议定|会议要求|会议强调|会议听取|会议认为")
NAMED_PROJECT = re.compile(r"关于(.{4,30}?项目)")
GENERIC_PROJECT = re.compile(r"^(?:新|重点|招商|工业|政府|城区|老旧|有关|加强|规范|优化|推进)")

# --- status ---------------------------------------------------------------------------------
NOT_DONE = re.compile(
    r"暂缓|暂不|不再(?:兑现|执行|拨付)|尚未|未予|至今未|暂停|未再安排|不予认可|尚欠|尚有.{0,12}未|未付"
    r"|待.{0,24}后再|待.{0,16}审计后|未能足额"
)
DONE = re.compile(r"已(?:于.{0,14})?(?:足额)?(?:兑现|拨付|支付|付清|完成|到位|建成|修建|接入)|累计支付")
FUTURE = re.compile(r"将|拟|确保|计划|力争|应|前|[不未再暂缓]")

# --- amounts and deadlines --------------------------------------------------------------------
OUTSTANDING_BEFORE = re.compile(r"(?:尚欠|尚有|其余|剩余|欠款|未付)[^，,。；;]{0,10}$")
OUTSTANDING_AFTER = re.compile(r"^[^，,。；;]{0,4}(?:尚未|未予|未)(?:支付|拨付|兑现|履行|付)")
PAID_BEFORE = re.compile(r"(?:已|累计)[^，,。；;]{0,14}$")
PAID_AFTER = re.compile(r"^[，,]?已(?:于.{0,14})?(?:拨付|支付|兑现|付清)")
TOTAL_BEFORE = re.compile(
    r"(?:共计|合计|总额|总计|金额为?|价款为?|合同价款|结算价款为?|估算投资|概算)(?:人民币)?$"
)
CAP_BEFORE = re.compile(r"(?:最高|不超过|最多)(?:不超过)?$")
CONDITION_BEFORE = re.compile(
    r"(?:投资额|总投资|投资规模|注册资本|销售收入|产值|营业收入|纳税额|不低于|不少于|达到|超过|低于|完成投资"
    r"|设备投资|固定资产投资|投资)(?:在|为|约)?$"
)
CONDITION_AFTER = re.compile(r"^(?:\(含\))?(?:及)?(?:以上|以下)")
SUM_JOIN = re.compile(r"^[^，,。；;\d]{0,6}?(?:及|和|并|加)[^，,。；;\d]{0,6}$")
DURATION_DEADLINE = re.compile(
    rf"(?:{_NUM}+|\d+)\s*(?:个)?(?:工作日|日|天|个月|年)(?:内|以内)|次年第[一二三四]季度|[一二三四]季度|\d{{1,2}}月底前"
)
SUBJECT_LEAD = re.compile(r"^(?:由|经|并|且|同时|另|再|各|原|现)?$")
ATTACHMENTS = re.compile(r"\n\s*附\s*件\s*[:：]")
