package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPResponse;

import java.util.ArrayList;
import java.util.List;

/** A client transaction user that records what its transactions pass up. */
final class RecordingTu implements ClientTransactionUser {

    final List<SIPResponse> responses = new ArrayList<>();
    final List<TransactionFailure> failures = new ArrayList<>();

    @Override
    public void onResponse(ClientTransaction tx, SIPResponse response) {
        responses.add(response);
    }

    @Override
    public void onFailure(ClientTransaction tx, TransactionFailure failure) {
        failures.add(failure);
    }

    List<Integer> statuses() {
        return responses.stream().map(SIPResponse::getStatusCode).toList();
    }
}
