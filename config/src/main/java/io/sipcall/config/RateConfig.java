package io.sipcall.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a trunk charges for destinations starting with {@code prefix}. Key {@code rates[i]}.
 *
 * @param prefix         E.164 prefix with {@code +}; key {@code rates[i].prefix}
 * @param trunk          a trunk defined under {@code trunks}; key {@code rates[i].trunk}
 * @param pricePerMinute decimal price per minute; key {@code rates[i].price-per-minute}
 * @param currency       ISO 4217 code, one for all rates; key {@code rates[i].currency}
 */
public record RateConfig(String prefix, String trunk, BigDecimal pricePerMinute, String currency) {

    public RateConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(pricePerMinute, "price-per-minute");
        Objects.requireNonNull(currency, "currency");
    }
}
