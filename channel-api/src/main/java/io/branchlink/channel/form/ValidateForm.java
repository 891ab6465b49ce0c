package io.branchlink.channel.form;

import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.validation.FieldError;
import io.branchlink.prefill.validation.FormValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a form in full on submission: the catalog's rules (accounts and cards must be the customer's, the ledger
 * being the authority on accounts), then the form's name and ID number against the customer's profile.
 */
@Component
class ValidateForm {

    private final JdbcClient jdbc;
    private final FormsProperties properties;
    private final Clock clock;

    ValidateForm(JdbcClient jdbc, FormsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The fields to correct; empty when the form may be submitted. */
    List<FieldError> errors(UUID customerId, FormDefinition form, Map<String, String> values) {
        List<FieldError> errors = new ArrayList<>(validator().validate(form, customerId.toString(), values)
                .errors());
        errors.addAll(profileMismatches(customerId, values, errors));
        return errors;
    }

    private FormValidator validator() {
        return new FormValidator(this::owns, clock.withZone(properties.zone()));
    }

    /** An account or card number of the customer's, the ledger being the authority on accounts. */
    private boolean owns(String number, String customerId) {
        UUID customer = UUID.fromString(customerId);
        return jdbc.sql("""
                select exists (select 1 from accounts where account_number = :number and customer_id = :customer
                                                         and kind = 'CUSTOMER' and status = 'OPEN')
                    or exists (select 1 from cards where card_number = :number and customer_id = :customer)
                """)
                .param("number", number)
                .param("customer", customer)
                .query(Boolean.class)
                .single();
    }

    /**
     * The form's name and ID number must be the customer's own, as the profile has them: the teller checks the ID
     * card against the form, so the form must be checked against the profile. The name may be the full name as
     * registered, or its Chinese or Latin part ("王芳 Wang Fang", "王芳", "Wang Fang").
     */
    private List<FieldError> profileMismatches(UUID customerId, Map<String, String> values, List<FieldError> errors) {
        Profile profile = jdbc.sql("select full_name, id_number from customers where id = ?")
                .param(customerId)
                .query(Profile.class)
                .single();
        List<FieldError> found = new ArrayList<>();
        String idNumber = present(values.get("idNumber"));
        if (idNumber != null && errors.stream().noneMatch(e -> e.field().equals("idNumber"))) {
            if (profile.idNumber() == null) {
                found.add(new FieldError("idNumber", "ID_NOT_ON_FILE",
                        "cannot be checked: your profile has no ID number yet; ask at the counter",
                        "无法核对：您的资料中尚无身份证号码，请到柜台办理"));
            } else if (!profile.idNumber().equalsIgnoreCase(idNumber)) {
                found.add(new FieldError("idNumber", "ID_MISMATCH",
                        "does not match the ID number on your profile", "与您登记的身份证号码不一致"));
            }
        }
        String name = present(values.get("customerName"));
        if (name != null && errors.stream().noneMatch(e -> e.field().equals("customerName"))
                && !namesOf(profile.fullName()).contains(name.toLowerCase(Locale.ROOT))) {
            found.add(new FieldError("customerName", "NAME_MISMATCH", "does not match the name on your profile",
                    "与您登记的姓名不一致"));
        }
        return found;
    }

    private static List<String> namesOf(String fullName) {
        String full = fullName.strip().toLowerCase(Locale.ROOT);
        int space = full.indexOf(' ');
        return space < 0 ? List.of(full) : List.of(full, full.substring(0, space).strip(),
                full.substring(space + 1).strip());
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private record Profile(String fullName, String idNumber) {
    }
}
