"""The scam guard: normalising, each signal, each rule, warnings, code messages, English.

Every signal and every rule of ``assets/scam_signals.json`` has a case here; a test at the
end fails when one is added to the data without one.
"""

from __future__ import annotations

import pytest

from jiebei_coach.domain import check_message
from jiebei_coach.domain.model import load_sources
from jiebei_coach.domain.scam_normalise import normalise
from jiebei_coach.domain.scams import compiled_signals, load_scam_signals, signals_in


def norm(message: str) -> str:
    compiled = compiled_signals()
    return normalise(message, compiled.folder, compiled.replacements).text


# --- normalising ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("ＶＸ：ｊｂ６６６", "微信:jb666"),  # full width, then the WeChat look-alike
        ("借.呗.额.度", "借呗额度"),  # dots inside words
        ("验 证 码 发 我", "验证码发我"),  # spaces inside words
        ("征·信·修·复", "征信修复"),
        ("安-全-账-户", "安全账户"),
        ("借\u200b呗\u200c额度", "借呗额度"),  # zero-width characters
        ("加V信", "加微信"),
        ("薇信同号", "微信同号"),
        ("威信联系", "微信联系"),
        ("➕V：hb666", "加微信:hb666"),
        ("+v jb0520", "加微信 jb0520"),
        ("加 q：880011", "加qq:880011"),
        ("扣扣 3389000", "qq3389000"),
        ("vx: dk888", "微信: dk888"),
        ("借唄額度提昇", "借呗额度提升"),  # traditional forms
        ("先付5OO元", "先付500元"),  # letter O for zero
        ("贰仟元", "二千元"),  # capital numerals
        ("a fee of ¥1,000 now", "a fee of ¥1000 now"),  # thousands separators
        ("RAISE  your   LIMIT", "raise your limit"),  # case; spaces between words stay one
        ("v❤信", "微信"),  # emoji as filler
    ],
)
def test_normalising_undoes_disguises(message: str, expected: str) -> None:
    assert norm(message) == expected


def test_quotes_are_the_original_words() -> None:
    found = signals_in("借.呗.额.度.可.提.升，先.交.钱")
    assert found["credit_limit"] == ("额.度.可.提.升",)
    assert found["money_demand"] == ("先.交",)
    full_width = signals_in("ＶＸ：ｄｋ８８８ 无视征信 当天下款")
    assert full_width["off_platform"] == ("ＶＸ：ｄｋ８８８",)


def test_ordinary_words_are_not_disguises() -> None:
    assert norm("convex wxyz") == "convex wxyz"  # vx/wx inside a word are not WeChat
    assert norm("dq qq") == "dq qq"
    assert norm("1,05") == "1,05"  # not a thousands separator


# --- each signal ------------------------------------------------------------------------

SIGNALS = [
    ("credit_limit", "您的借呗额度可提升至5万元"),
    ("credit_limit", "借呗升额活动"),
    ("credit_limit", "你借呗才8000？我给你弄到5万"),
    ("credit_limit", "Your credit limit can be raised to 100,000"),
    ("loan", "您的贷款已审批通过,等待放款"),
    ("loan", "Your loan is approved"),
    ("money_demand", "需先支付500元服务费"),
    ("money_demand", "先交首期利息"),
    ("money_demand", "请往指定账户转入2000元"),
    ("money_demand", "立即扫描下方二维码缴清"),
    ("money_demand", "手续费低至8个点"),
    ("money_demand", "费用399,开通后到账"),
    ("money_demand", "Pay a ¥2,000 unfreezing fee"),
    ("credential_request", "请把刚收到的验证码发给我"),
    ("credential_request", "报一下手机收到的动态码"),
    ("credential_request", "把身份证正反面照片发过来"),
    ("credential_request", "请把收到的登录码告知我方"),
    ("credential_request", "Please tell me the verification code"),
    ("off_platform", "请加微信办理"),
    ("off_platform", "添加客服QQ 3318000"),
    ("off_platform", "下载“支付宝安全版”APP"),
    ("off_platform", "请立即联系 13800001234 处理"),
    ("off_platform", "Add our agent on WeChat"),
    ("strange_link", "点击 https://jbtiee.com/a 领取"),
    ("strange_link", "登录 alipay.com.safe-check.xyz 验证"),
    ("strange_link", "点击链接了解"),
    ("strange_link", "Sign in at antgroup-keep.top today"),
    ("brand", "借呗"),
    ("brand", "Alipay"),
    ("screen_share", "开启屏幕共享"),
    ("screen_share", "安装 ToDesk 远程协助"),
    ("screen_share", "share your screen with us"),
    ("meeting_app", "请下载腾讯会议"),
    ("meeting_app", "用云视讯入会"),
    ("guided", "请按我说的操作"),
    ("guided", "follow our instructions"),
    ("impersonation", "我是借呗客服"),
    ("impersonation", "【支付宝】您的账户"),
    ("impersonation", "This is Alipay customer service"),
    ("official_body", "我是银保监会的工作人员"),
    ("official_body", "国家金融监督管理总局通知"),
    ("official_body", "Police here"),
    ("pressure", "否则影响征信"),
    ("pressure", "我们将上门催收并通知你的通讯录"),
    ("pressure", "your account is frozen"),
    ("urgency", "名额有限,今晚截止"),
    ("urgency", "within 12 hours"),
    ("refund_bait", "您的包裹丢失,我们理赔"),
    ("refund_bait", "备用金每月自动扣费"),
    ("refund_bait", "we'll refund you"),
    ("offer", "不成功不收费"),
    ("offer", "我们可以帮您"),
    ("offer", "We can do it"),
    ("credit_repair", "专业征信修复"),
    ("credit_repair", "逾期记录可以消掉"),
    ("credit_repair", "信用报告上的污点可以抹去"),
    ("credit_repair", "remove late payments from your report"),
    ("debt_agent", "停息挂账专业办理"),
    ("debt_agent", "减免全部罚息"),
    ("debt_agent", "we negotiate with your lenders"),
    ("turnover", "刷流水提额"),
    ("turnover", "刷单返佣"),
    ("turnover", "like posts and complete tasks"),
    ("cash_out", "花呗套现"),
    ("cash_out", "借呗额度可以帮你套出来"),
    ("cash_out", "cash out your Huabei"),
    ("packaging", "无视征信,黑户可下款"),
    ("packaging", "帮您包装工作和流水"),
    ("packaging", "no credit check loans"),
    ("student_account", "注销校园贷"),
    ("student_account", "您是学生账户"),
    ("student_account", "your student loan account"),
    ("safe_account", "转入安全账户"),
    ("safe_account", "资金转入监管账户"),
    ("safe_account", "move it to a safe account"),
]


@pytest.mark.parametrize(("signal", "message"), SIGNALS)
def test_each_signal_is_found(signal: str, message: str) -> None:
    assert signal in signals_in(message)


@pytest.mark.parametrize(
    ("signal", "message"),
    [
        ("credit_limit", "额度"),  # the word alone is not talk of raising it
        ("money_demand", "本期应还1,056.30元,系统将自动扣款"),  # a repayment due is not a demand
        ("money_demand", "年化收益率1.45%"),
        ("money_demand", "手续费为零"),
        ("credential_request", "验证码 517302,5分钟内有效"),  # a code sent is not a code asked for
        ("off_platform", "回头微信转你"),  # paying a friend over WeChat is not leaving a platform
        ("strange_link", "详见 https://render.alipay.com/p/xx"),
        ("strange_link", "详见 cmbchina.com/creditcard"),  # the bank's own site
        ("strange_link", "点击 https://render.alipay.com/p/xx 查看"),  # "click" next to a real link
        ("meeting_app", "下午开会讨论贷款"),
        ("credit_repair", "征信报告每年可以免费查两次"),
    ],
)
def test_ordinary_words_are_not_signals(signal: str, message: str) -> None:
    assert signal not in signals_in(message)


# --- each rule ----------------------------------------------------------------------------

RULES = [
    ("paid-limit-raising", "【借呗客服】您的借呗额度可提升至5万元,需先支付500元服务费"),
    ("paid-limit-raising", "Your credit limit can be raised today, just pay a ¥499 service fee"),
    ("limit-off-platform", "借呗提额内部渠道,加QQ 33180000咨询"),
    ("fee-before-loan", "您的贷款已审核通过,请先缴纳包装费1500元"),
    ("fee-before-loan", "Your loan is approved. First pay a ¥1,500 insurance deposit."),
    ("credential-theft", "我是支付宝客服,请把刚收到的验证码发给我"),
    ("screen-sharing", "请安装 ToDesk,远程协助您完成退款"),
    ("meeting-with-impostor", "我是借呗工作人员,请下载腾讯会议加入会议"),
    ("fake-official", "我是中国人民银行的,需要缴纳2000元保证金才能撤销"),
    ("safe-account", "请将存款转入我们提供的安全账户"),
    ("student-account", "您在大学期间注册的校园贷账户未注销,否则影响征信"),
    ("credit-repair", "专业征信修复,消除不良记录,不成功不收费"),
    ("debt-agent", "停息挂账专业办理,仅收前期服务费"),
    ("fake-turnover", "兼职刷单,先垫付后返佣"),
    ("cash-out", "借呗变现找我,手续费低"),
    ("loan-packaging", "无视征信,黑户也能下款,包装资料包过"),
    ("fake-refund", "您的包裹丢失,我们赔付您三倍运费,请加微信领取"),
    ("guided-by-impostor", "客服帮您取消备用金并退款,请按提示操作"),
    ("pressure-to-pay", "最后通牒:把3000元转到这个账户,否则爆你通讯录"),
    ("official-off-platform", "【支付宝】您的账户已被限制,请访问 www.zhifubao-kefu.cn 解除"),
    ("brand-link", "您的花呗将被关闭,请点击 s.u8a.cc/hb 保留"),
    ("official-asks-money", "我是借呗客服,请先交300元"),
]

CAUTION_RULES = [
    ("credential-request", "刚才给你发了个六位数验证码,把它发给我一下"),
    ("screen-share-request", "进入后点一下“共享屏幕”"),
    ("official-pressure", "这里是市公安局经侦支队,您的账户涉嫌洗钱"),
    ("scheme-named", "花呗套现,9.5折到账"),
    ("pressure-off-platform", "请立即联系 13800001234 处理,否则通知家属"),
    ("pay-off-platform", "扫码支付300元"),
]


@pytest.mark.parametrize(("rule", "message"), RULES)
def test_each_danger_rule(rule: str, message: str) -> None:
    verdict = check_message(message)
    assert verdict.level == "danger"
    assert rule in [r.id for r in verdict.rules]


@pytest.mark.parametrize(("rule", "message"), CAUTION_RULES)
def test_each_caution_rule(rule: str, message: str) -> None:
    verdict = check_message(message)
    assert verdict.level == "caution"
    assert [r.id for r in verdict.rules] == [rule]


def test_one_signal_alone_is_not_a_verdict() -> None:
    """Limit talk, a loan, a brand or a fee each happen in ordinary messages."""
    for message in ("我借呗额度涨到3万了", "贷款批下来了", "支付宝", "房租3500元"):
        assert not check_message(message).matched, message


def test_the_verdict_names_the_signals_of_its_rules_with_quotes() -> None:
    verdict = check_message(
        "【借呗客服】您的借呗额度可提升至5万元,需先支付500元服务费,请加微信办理。"
    )
    assert verdict.level == "danger"
    assert verdict.rules[0].id == "paid-limit-raising"
    quotes = {found.signal.id: found.quotes for found in verdict.signals}
    assert quotes["credit_limit"] == ("额度可提升至",)
    assert quotes["money_demand"] == ("需先支付500元服务费",)  # overlapping matches joined
    assert quotes["off_platform"] == ("加微信办理",)
    assert "brand" not in quotes  # not used by a matched rule
    assert "95188" in verdict.advice.text.zh and "96110" in verdict.advice.text.en


def test_danger_hides_the_caution_rules_it_covers() -> None:
    verdict = check_message("我是支付宝客服,为了给您办理退款,请把刚收到的验证码发给我。")
    assert {r.level for r in verdict.rules} == {"danger"}


def test_no_known_pattern_has_no_level() -> None:
    verdict = check_message("周末一起吃饭吗?")
    assert verdict.level is None and not verdict.matched
    assert verdict.rules == () and verdict.signals == ()


# --- warnings and genuine code messages ------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "【国家反诈中心】凡是要求您先交钱才能贷款的,都是诈骗。",
        "支付宝温馨提示:借呗从不以任何名义收取保证金、手续费,也不会让您添加微信办理提额。",
        "警惕冒充客服诈骗:客服不会要求您下载会议软件、开启屏幕共享。",
        "谨防“征信修复”骗局,任何收费删除逾期记录的都是诈骗。",
        "公检法机关没有所谓“安全账户”,请勿向陌生账户转账。",
        "切勿相信“刷单返利”,先垫付的兼职都是骗局。",
        "Alipay will never ask you to pay a fee to raise your limit, or to move money to a safe "
        "account.",
        "Beware of anyone offering credit repair for a fee.",
        "上次那个说能帮提额的人果然是骗子,收了我两百就拉黑了。",
        # "…, 都是骗子" covers the clauses before it
        "先交500元手续费再给你提额的,都是骗子。",
        # a third-person description (冒充, 骗取) covers its whole sentence
        "不法分子冒充客服,要求您下载会议软件并开启屏幕共享,骗取验证码。",
        # a clause that goes on with "或者" / ", or" keeps the warning before it
        "蚂蚁从不收取提额费,或者让你先交保证金再放款。",
        # a reminder that names a scheme and asks nothing of the reader
        "警方提醒:“停息挂账”“债务优化”中介收费后常常失联。",
    ],
)
def test_warnings_are_not_scams(message: str) -> None:
    assert not check_message(message).matched


def test_a_warning_does_not_cover_a_request_beside_it() -> None:
    """A scam that borrows the words of a warning still asks for something."""
    verdict = check_message("谨防诈骗!借呗额度可提升至5万,先交500元服务费。")
    assert verdict.level == "danger"
    verdict = check_message("请勿泄露给他人,请将验证码告诉客服核实。")
    assert verdict.matched


@pytest.mark.parametrize(
    "message",
    [
        "验证码 517302,5分钟内有效,请勿泄露",
        "【支付宝】您正在登录,验证码 904217,请勿告诉他人。",
        "【工商银行】验证码:332901,您正在进行转账交易,金额5,000.00元,请勿泄露给他人,工作人员不会向您索要。",
        "【微信】验证码:561188,用于绑定手机,转发给他人可能导致账号被盗。",
        "【招商银行】您正在申请信用卡额度调整,验证码 662310,请勿泄露。",
        "Your verification code is 402817. It expires in 5 minutes. Never share it with anyone.",
        "Your Alipay code: 771902. Do not share this code.",
    ],
)
def test_code_messages_are_not_requests(message: str) -> None:
    assert "credential_request" not in signals_in(message)
    assert not check_message(message).matched


# --- English -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "rule"),
    [
        (
            "Good news! Pay a ¥200 activation fee to our agent to unlock a limit increase.",
            "paid-limit-raising",
        ),
        ("Police here. Move your money to the safe account we give you.", "safe-account"),
        (
            "To confirm your identity, reply with your Alipay payment password and the SMS code.",
            "credential-request",
        ),
        ("Please install AnyDesk and share your screen with our technician.", "screen-sharing"),
        (
            "Your loan is approved but frozen. Pay a ¥2,000 unfreezing fee to release it.",
            "fee-before-loan",
        ),
    ],
)
def test_english_gets_the_same_treatment(message: str, rule: str) -> None:
    assert rule in [r.id for r in check_message(message).rules]


# --- the data itself --------------------------------------------------------------------------


def test_every_signal_and_rule_has_a_case_here() -> None:
    data = load_scam_signals()
    assert {s.id for s in data.signals} == {signal for signal, _ in SIGNALS}
    tested = {rule for rule, _ in RULES} | {rule for rule, _ in CAUTION_RULES}
    assert {r.id for r in data.rules} == tested
    assert {r.id for r in data.rules if r.level == "caution"} == {r for r, _ in CAUTION_RULES}


def test_every_rule_is_sourced_and_speaks_both_languages() -> None:
    sources = load_sources()
    for rule in load_scam_signals().rules:
        assert rule.source and all(s in sources for s in rule.source), rule.id
        for text in (rule.name, rule.why, rule.do):
            assert text.zh and text.en, rule.id
    for signal in load_scam_signals().signals:
        assert signal.name.zh and signal.name.en


def test_the_advice_names_the_official_lines() -> None:
    advice = load_scam_signals().advice.text
    for number in ("95188", "110", "96110"):
        assert number in advice.zh and number in advice.en
