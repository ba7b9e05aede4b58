"""Generated corpora of any size: policies, contracts and meeting minutes as PDF, DOCX, text and HTML.

For the batch benchmark and the batch tests. Each document is assembled from realistic clause
templates — problem clauses of the campaign's families and their lawful look-alikes, among ordinary
administrative clauses — with names, places and amounts varied by a seeded random generator, so
every document is distinct (distinct sha256) and the same seed gives the same corpus.

Format mix by default: half multi-page PDF (a ruled table about every eighth page), the rest DOCX,
text (UTF-8 or GB18030) and government-portal HTML.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .render import render
from .source import Heading, Line, SynthDoc, Table

FORMAT_MIX: tuple[tuple[str, float], ...] = (("pdf", 0.5), ("docx", 0.2), ("text", 0.15), ("html", 0.15))
KIND_MIX: tuple[tuple[str, float], ...] = (("policy", 0.45), ("contract", 0.35), ("minutes", 0.2))
# Characters of body text per rendered PDF page (A4, 12 pt STSong, leading 20), measured.
CHARS_PER_PDF_PAGE = 600
TABLE_EVERY_PAGES = 8

COUNTIES = ["宾县", "巴彦县", "木兰县", "通河县", "延寿县", "依兰县", "方正县", "尚志市", "五常市", "海伦市",
            "肇东市", "安达市", "桦南县", "汤原县", "富锦市", "宁安市", "穆棱市", "林口县", "嫩江市", "北安市"]
CITIES = ["哈尔滨市", "齐齐哈尔市", "牡丹江市", "佳木斯市", "大庆市", "绥化市", "黑河市", "鸡西市"]
FIRMS = ["谷丰食品", "北方新材料", "龙江农机", "寒地药业", "黑土米业", "兴安木业", "松花江物流", "冰城乳业",
         "北疆能源", "三江生物", "雪乡旅游", "龙港建材", "金穗粮油", "寒区装备", "北林纸业", "东极光伏"]
INDUSTRIES = ["先进制造业", "绿色食品加工", "生物医药", "新材料", "现代物流", "冰雪旅游", "数字经济", "农机装备"]
CN_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 12 → 十二, 35 → 三十五, 108 → 一百零八 (enough for article numbers)."""
    if number < 10:
        return CN_DIGITS[number]
    if number < 20:
        return "十" + (CN_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return CN_DIGITS[tens] + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        return CN_DIGITS[hundreds] + "百"
    middle = "零" if rest < 10 else ""
    tail = chinese_number(rest) if rest >= 20 or rest < 10 else "一" + chinese_number(rest)
    return CN_DIGITS[hundreds] + "百" + middle + tail


# Clause templates: (family or "", text). "" marks a lawful clause; a family marks a problem clause.
POLICY_CLAUSES: tuple[tuple[str, str], ...] = (
    ("tax-rebate", "对新引进的{industry}项目，按其缴纳增值税地方留成部分的{pct}%给予奖励，奖励期限{years}年。"),
    ("tax-rebate", "企业缴纳的企业所得税县级留成部分，前三年全额返还，后两年减半返还。"),
    ("tax-rebate", "入驻园区的企业，自投产之日起五年内免征城镇土地使用税，后三年减半征收。"),
    ("land-price", "项目用地的土地出让金，除上缴国家和省的部分外，全部返还企业用于厂区基础设施建设。"),
    ("land-price", "对固定资产投资超过{big}亿元的重大项目，实行零地价供地。"),
    ("guarantee-return", "县财政为入驻企业的银行贷款提供担保，并承诺企业投资年收益率不低于{pct}%。"),
    ("local-protection", "政府投资项目优先采购本地企业产品，外地企业参与投标的，须在本县设立分支机构。"),
    ("local-protection", "享受本办法扶持的企业，十年内不得迁出本县或者变更税务登记地。"),
    ("normative-overreach", "企业未按承诺期限投产的，由县商务局处以{small}万元罚款，并收取项目保证金。"),
    ("retroactive-repeal", "本办法施行后，原有招商引资优惠政策一律停止执行，已签订协议尚未兑现的不再兑现。"),
    ("selective-subsidy", "对{firm}有限公司给予一次性落户补贴{small}万元，其社会保险费三年内减半征收。"),
    ("", "对经认定的高新技术企业，按照国家有关规定减按15%的税率征收企业所得税。"),
    ("", "小型微利企业按照国家统一规定享受税收优惠政策，由税务部门依法办理。"),
    ("", "项目用地依法通过招标拍卖挂牌方式公开出让，出让价格不得低于国家规定的工业用地出让最低价标准。"),
    ("", "政府投资项目依法通过公开招标确定承建单位，任何单位不得指定承包人。"),
    ("", "对规模以上工业企业的研发投入，按照公开发布的统一标准给予补助，所需资金列入年度财政预算。"),
    ("", "本办法施行前已签订的投资协议，按照原协议约定执行；本办法规定更有利于企业的，按照本办法执行。"),
    ("", "各部门应当依法履行向市场主体作出的政策承诺，不得以政府换届、相关责任人更替等理由违约毁约。"),
    ("", "各类市场主体依法平等适用本办法，不得对外地企业设置歧视性条件。"),
)
POLICY_ADMIN = (
    "为进一步优化营商环境，加大招商引资力度，促进{county}经济高质量发展，结合本县实际，制定本办法。",
    "本办法适用于在{county}行政区域内新注册登记、具有独立法人资格的{industry}企业。",
    "县商务局负责本办法的组织实施、政策解释和督促检查，县财政局负责扶持资金的预算安排和拨付。",
    "申请享受本办法扶持政策的企业，应当提交营业执照、项目备案文件、投资完成情况报告等材料。",
    "扶持资金申请实行网上受理，县商务局会同有关部门在受理之日起{days}个工作日内完成审核并公示。",
    "对弄虚作假骗取扶持资金的，依法追回已拨付资金，并依照有关法律法规处理。",
    "本办法所称固定资产投资，是指企业在项目建设中实际发生的厂房、设备等投资，以审计结果为准。",
    "县发展和改革局、自然资源局、住房和城乡建设局等部门按照各自职责做好项目服务保障工作。",
    "招商引资项目实行专班推进机制，由县级领导牵头，对项目建设中的困难和问题及时协调解决。",
    "本办法自发布之日起施行，有效期{years}年。",
)
CONTRACT_CLAUSES: tuple[tuple[str, str], ...] = (
    ("tax-rebate", "乙方项目投产后{years}年内，按其实际缴纳增值税县级留成部分的{pct}%给予奖励。"),
    ("land-price", "乙方缴纳的土地出让金，扣除国家和省规定计提的各项费用后，剩余部分全额返还乙方。"),
    ("guarantee-return", "甲方保证乙方投资年回报率不低于{pct}%，不足部分由甲方财政予以补足。"),
    ("bidding", "项目配套道路、管网工程直接交由乙方承建，工程价款由甲方按决算审计结果支付。"),
    ("liability-exemption", "因规划调整、政策变化等原因导致本协议无法履行的，甲方不承担任何责任。"),
    ("unilateral-change", "甲方有权根据工作需要单方调整或者解除本协议，乙方不得提出异议，甲方不予补偿。"),
    ("payment-default", "甲方应当在工程竣工验收合格后{late}日内支付工程款，遇审计未完成的顺延支付。"),
    ("", "乙方项目用地由甲方依法通过招标拍卖挂牌方式公开出让，乙方依法参加竞买。"),
    ("", "乙方项目公司被认定为高新技术企业的，按照国家有关规定减按15%的税率缴纳企业所得税。"),
    ("", "甲方未按本合同约定履行义务的，应当承担违约责任，赔偿乙方因此遭受的实际损失。"),
    ("", "因国家利益、社会公共利益需要变更或者解除本合同的，甲方应当依法给予乙方公平、合理的补偿。"),
    ("", "甲方应当自工程验收合格之日起{days}日内支付工程款，逾期支付的按照有关规定支付利息。"),
    ("", "配套工程依法通过公开招标确定施工单位，乙方可以依法参加投标。"),
)
CONTRACT_ADMIN = (
    "乙方应当在本合同签订之日起{days}日内在{county}注册设立具有独立法人资格的项目公司。",
    "项目计划总投资{big}亿元人民币，其中固定资产投资不低于{small}千万元。",
    "乙方应当按照经批准的规划设计条件进行建设，不得擅自改变建设内容和土地用途。",
    "甲方负责协调有关部门为乙方办理项目立项、规划、环评、施工许可等审批手续，依法在承诺时限内办结。",
    "乙方应当严格执行国家有关安全生产、环境保护和劳动用工的法律法规。",
    "乙方应当于每季度结束后十日内向甲方书面报告项目建设进度和投资完成情况。",
    "本合同履行过程中，任何一方需要变更合同内容的，应当书面通知对方，经双方协商一致后签订补充协议。",
    "本合同履行过程中发生争议的，双方应当友好协商解决；协商不成的，依法向人民法院提起诉讼。",
    "因不可抗力致使本合同不能履行的，遭受不可抗力的一方应当及时通知对方，并提供证明。",
    "本合同一式六份，甲乙双方各执三份，自双方签字盖章之日起生效。",
)
MINUTES_DECISIONS: tuple[tuple[str, str], ...] = (
    ("payment-default", "该公司{year}年度扶持资金暂缓兑现，待县财政资金状况好转后再行研究。"),
    ("new-official", "鉴于县政府领导班子已经换届，原领导作出的承诺需重新研究，暂不履行。"),
    ("judgment-refusal", "法院判决确定的工程款及利息暂不执行，待上级专项资金下达后再行研究。"),
    ("guarantee-return", "会议同意由县城投公司为{firm}有限公司银行贷款提供担保。"),
    ("tax-rebate", "会议同意按该公司缴纳税收地方留成部分的{pct}%给予奖励。"),
    ("", "会议要求县财政局于{year}年6月30日前足额支付拖欠{firm}有限公司的工程款{small}万元。"),
    ("", "会议强调，不得以政府换届、相关责任人更替等为由违约毁约，已作出的合法承诺应当依法兑现。"),
    ("", "项目用地依法公开出让，出让价格不得低于国家规定的工业用地出让最低价标准。"),
    ("", "对法院生效判决确定的给付义务，由县财政局列入预算，于{days}日内履行完毕。"),
)
MINUTES_ADMIN = (
    "会议听取了县商务局关于{firm}有限公司项目推进情况的汇报。",
    "会议要求县自然资源局、住房和城乡建设局密切配合，加快办理项目审批手续。",
    "会议议定，由县发展和改革局牵头，{days}日内拿出具体工作方案报县政府。",
    "会议要求各有关部门按照职责分工，抓好会议议定事项的落实，及时反馈办理情况。",
)
ARTICLE_TITLES = ("项目概况", "项目用地", "甲方的义务", "乙方的义务", "扶持政策", "违约责任", "变更与解除")
CHAPTERS = ("总则", "扶持政策", "保障措施", "监督管理", "附则")
SUBJECTS = ("申请兑现扶持资金", "项目用地", "融资支持", "工程款支付", "诉讼案件执行", "项目建设推进")


@dataclass
class _Fill:
    rng: random.Random
    county: str
    city: str
    firm: str

    def __call__(self, template: str) -> str:
        rng = self.rng
        return template.format(
            county=self.county, city=self.city, firm=self.firm, industry=rng.choice(INDUSTRIES),
            pct=rng.choice([30, 50, 60, 80, 100]), years=rng.choice([3, 5, 8, 10]), big=rng.choice([1, 2, 3, 5, 10]),
            small=rng.choice([50, 100, 200, 300, 500]), days=rng.choice([15, 20, 30]),
            late=rng.choice([90, 120, 180]), year=rng.choice([2017, 2018, 2019]),
        )


def _pick(rng: random.Random, mix: Sequence[tuple[str, float]]) -> str:
    return rng.choices([name for name, _ in mix], weights=[weight for _, weight in mix])[0]


def _clause_text(rng: random.Random, fill: _Fill, admin: Sequence[str], special: Sequence[tuple[str, str]]) -> str:
    """An ordinary clause most of the time; a problem clause or a lawful look-alike one time in three."""
    if rng.random() < 0.33:
        return fill(rng.choice(special)[1])
    return fill(rng.choice(admin))


def _table(rng: random.Random, fill: _Fill) -> Table:
    rows = [["项目", "扶持标准（万元）", "拨付方式", "责任单位"]]
    for _ in range(rng.randint(2, 5)):
        rows.append([fill("{industry}项目"), str(rng.choice([50, 100, 200, 500])), rng.choice(
            ["一次性拨付", "分三年拨付", "验收后拨付"]), rng.choice(["县商务局", "县财政局", "县工信局"])])
    return Table(rows)


def make_document(index: int, rng: random.Random, fmt: str | None = None, kind: str | None = None,
                  pages: int | None = None) -> SynthDoc:
    """One synthetic document: ``pages`` PDF pages' worth of text (default: 1–10)."""
    fmt = fmt or _pick(rng, FORMAT_MIX)
    kind = kind or _pick(rng, KIND_MIX)
    pages = pages or rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 10])
    county, city = rng.choice(COUNTIES), rng.choice(CITIES)
    fill = _Fill(rng, county, city, rng.choice(FIRMS))
    target = pages * CHARS_PER_PDF_PAGE
    lines: list[Line] = []
    size = 0
    tables = max(0, round(pages / TABLE_EVERY_PAGES)) if fmt == "pdf" else int(rng.random() < 0.125)
    table_at = {rng.randint(1, max(1, pages * 6)) for _ in range(tables)}
    year = rng.choice([2016, 2017, 2018, 2019])
    if kind == "minutes":
        title = f"{county}人民政府{rng.choice(['县长办公会议', '常务会议', '专题会议'])}纪要"
        lines.append(f"〔{year}〕第{index % 30 + 1}期")
        lines.append(f"{county}人民政府办公室　　　　{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
        lines.append(f"{year}年{rng.randint(1, 12)}月，县长主持召开会议，专题研究招商引资项目推进等有关事项。"
                     "现将会议议定事项纪要如下：")
        item = 0
        while size < target:
            item += 1
            lines.append(f"{chinese_number(item)}、关于{fill.firm}有限公司{rng.choice(SUBJECTS)}的问题")
            for _ in range(rng.randint(2, 4)):
                text = _clause_text(rng, fill, MINUTES_ADMIN, MINUTES_DECISIONS)
                lines.append(text)
                size += len(text)
            if item in table_at:
                lines.append(_table(rng, fill))
        lines.append(f"出席：{county}人民政府县长、副县长，县政府办公室、商务局、财政局主要负责人。")
        header, number = f"{county}人民政府", None
    elif kind == "contract":
        title = f"{fill.firm}{rng.choice(INDUSTRIES)}项目投资合同"
        lines += [f"合同编号：ZS-{year}-{index:05d}", f"甲方：{county}人民政府", f"乙方：{fill.firm}有限公司",
                  f"为加快{county}产业发展，甲乙双方本着平等自愿、诚实守信的原则，经友好协商，达成如下合同条款。"]
        article = 0
        while size < target:
            article += 1
            lines.append(f"第{chinese_number(article)}条 {rng.choice(ARTICLE_TITLES)}")
            for item in range(1, rng.randint(2, 5)):
                text = _clause_text(rng, fill, CONTRACT_ADMIN, CONTRACT_CLAUSES)
                lines.append(f"（{chinese_number(item)}）{text}")
                size += len(text)
            if article in table_at:
                lines.append(_table(rng, fill))
        lines += [f"甲方（盖章）：{county}人民政府", f"乙方（盖章）：{fill.firm}有限公司",
                  f"签订日期：{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
        header, number = None, None
    else:
        title = f"{county}{rng.choice(['招商引资优惠政策若干规定', '促进招商引资若干政策措施', '招商引资奖励办法'])}"
        number = f"{county[0]}政规〔{year}〕{index % 40 + 1}号"
        header = f"{county}人民政府文件"
        chapter, article = 0, 0
        while size < target:
            if article % 8 == 0:
                chapter += 1
                lines.append(Heading(f"第{chinese_number(chapter)}章 {CHAPTERS[min(chapter - 1, len(CHAPTERS) - 1)]}"))
            article += 1
            text = _clause_text(rng, fill, POLICY_ADMIN, POLICY_CLAUSES)
            lines.append(f"第{chinese_number(article)}条　{text}")
            size += len(text)
            if article in table_at:
                lines.append(_table(rng, fill))
    doc = SynthDoc(title=title, lines=lines, header=header, doc_number=number, format=fmt)
    if fmt == "text" and rng.random() < 0.3:
        doc.encoding = "gb18030"
    if rng.random() < 0.1:
        doc.script = "traditional"
    doc.extra = {"kind": kind, "pages": pages}
    return doc


def _render_one(job: tuple[Path, int, int]) -> Path:
    folder, seed, index = job
    rng = random.Random(seed * 1_000_003 + index)
    doc = make_document(index, rng)
    return render(doc, folder / f"{index:05d}-{doc.extra['kind']}{doc.suffix}")


def generate_corpus(folder: str | Path, count: int, *, seed: int = 1, processes: int = 1) -> list[Path]:
    """Write ``count`` distinct documents into ``folder``; the same seed gives the same files.

    Document ``i`` depends only on ``(seed, i)``, and ``corpus.json`` lists what the folder holds, so
    a larger corpus extends a smaller one with the same seed instead of starting again.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "corpus.json"
    names: list[str] = []
    if manifest.exists():
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        if recorded.get("seed") == seed and all((folder / name).exists() for name in recorded["files"]):
            names = recorded["files"]
    if len(names) < count:
        jobs = [(folder, seed, index) for index in range(len(names), count)]
        if processes <= 1:
            made = [_render_one(job) for job in jobs]
        else:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(processes) as pool:
                made = pool.map(_render_one, jobs, chunksize=8)
        names += [path.name for path in made]
        manifest.write_text(json.dumps({"seed": seed, "files": names}, ensure_ascii=False, indent=0), encoding="utf-8")
    return [folder / name for name in names[:count]]
