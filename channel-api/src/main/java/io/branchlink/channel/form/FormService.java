package io.branchlink.channel.form;

import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.protocol.hubapi.TokenStatus;
import org.springframework.stereotype.Service;

/**
 * The calls {@link HubFormController} makes on customers' forms, kept under this name while the hub-facing API
 * moves: the token lookup ({@link LookUpToken}) and staging on the customer's arrival at the counter
 * ({@link StageForm}). Each delegate runs in its own transaction.
 */
@Service
class FormService {

    private final LookUpToken tokens;
    private final StageForm stage;

    FormService(LookUpToken tokens, StageForm stage) {
        this.tokens = tokens;
        this.stage = stage;
    }

    /** See {@link LookUpToken#tokenStatus}. */
    public TokenStatus tokenStatus(String branchId, String tokenId) {
        return tokens.tokenStatus(branchId, tokenId);
    }

    /** See {@link StageForm#stageOnArrival}. */
    public TokenStatus stageOnArrival(HubPrincipal hub, String tokenId) {
        return stage.stageOnArrival(hub, tokenId);
    }
}
