package io.branchlink.channel.mine;

import java.util.List;
import java.util.UUID;

/**
 * What one product holds for a customer, as lines of the "Mine" view: a bean of this type per product (deposit
 * accounts, cards, loans, funds …) and the view lists every bean's lines, so a product joins the view by declaring
 * one bean and the view never knows it (docs/mine.md, "Adding a product").
 */
public interface MineHoldings {

    /**
     * The customer's lines of this product, read in the caller's read-only transaction; only the customer's own,
     * never another's. Empty when the customer holds none.
     */
    List<MineLine> lines(UUID customerId);
}
