package io.branchlink.protocol.iso8583;

/** The network management information code of an 0800/0810, field 70 (n3). */
public enum NetworkCode {

    SIGN_ON(1),
    SIGN_OFF(2),
    ECHO_TEST(301);

    private final int code;

    NetworkCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static NetworkCode fromCode(long code) {
        for (NetworkCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
