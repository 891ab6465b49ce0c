package io.branchlink.channel.form;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires forms past their token's expiry and withdraws them from their branch, on a fixed delay. */
@Component
class FormSweeper {

    private final ExpireForms expiry;

    FormSweeper(ExpireForms expiry) {
        this.expiry = expiry;
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.forms.sweep-interval:15s}",
            initialDelayString = "${branchlink.channel.forms.sweep-interval:15s}")
    void sweep() {
        int expired;
        do {
            expired = expiry.expireDue();
        } while (expired == ExpireForms.BATCH);
    }
}
