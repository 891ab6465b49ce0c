package io.branchlink.hub.teller;

import java.text.MessageFormat;
import java.util.Locale;

/** Why a scanned code shows no form, with the bilingual text the console shows; {0}, {1} are filled per case. */
enum Refusal {
    NOT_BRANCHLINK("This is not a BranchLink code.", "这不是 BranchLink 业务二维码。"),
    FORGED("This code is forged or has been altered. Do not serve it.", "此二维码为伪造或已被篡改，请勿办理。"),
    EXPIRED("This code expired at {0}. Ask the customer to submit the form again in the app.",
            "此二维码已于 {0} 过期，请客户在手机银行重新提交。"),
    USE_ITM("This is a {0} code: the customer should use the ITM, not the counter.",
            "这是{1}二维码，请引导客户到智能柜员机办理。"),
    UNKNOWN_FORM("The bank does not know this code.", "银行系统中没有此二维码的记录。"),
    ALREADY_DECIDED("This form was already decided: {0} at {1}.", "此业务已处理：{2}，时间 {1}。"),
    OTHER_BRANCH("This form is staged at branch {0}, not here. The customer can move it to this branch in the app.",
            "此业务已预约到 {0} 网点，不在本网点。客户可在手机银行中改为本网点。"),
    CANCELLED("The customer cancelled this form.", "客户已撤销此业务。"),
    CANNOT_VERIFY("The code cannot be checked right now (bank keys unavailable). Try again shortly.",
            "暂时无法验证此二维码（银行密钥不可用），请稍后重试。"),
    CHANNEL_UNAVAILABLE("The bank's system cannot be reached. Scan again shortly.", "暂时无法连接银行系统，请稍后重新扫码。");

    private final String en;
    private final String zh;

    Refusal(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    Message message(Object... arguments) {
        return new Message(new MessageFormat(en.replace("'", "''"), Locale.ROOT).format(arguments),
                new MessageFormat(zh.replace("'", "''"), Locale.ROOT).format(arguments));
    }
}
