package io.branchlink.channel.otp;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Refuses to finish starting when {@code branchlink.channel.otp.encryption-key} cannot read the stored secrets. */
@Component
class OtpKeyCheck implements ApplicationRunner {

    private final SoftOtp softOtp;

    OtpKeyCheck(SoftOtp softOtp) {
        this.softOtp = softOtp;
    }

    @Override
    public void run(ApplicationArguments args) {
        softOtp.checkKey();
    }
}
