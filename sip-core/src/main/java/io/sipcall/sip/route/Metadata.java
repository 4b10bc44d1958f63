package io.sipcall.sip.route;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads libphonenumber's metadata ahead of calls. The library reads each region's metadata from its
 * jar the first time a number of that region is seen; doing it up front keeps that I/O off the
 * calls' executors (route policies must not block).
 */
final class Metadata {

    private static final Set<String> SHORT_NUMBER_REGIONS = ConcurrentHashMap.newKeySet();

    /** Initialised on first use of {@link #preload}: the JVM's class initialisation runs it once. */
    private static final class AllRegions {
        static {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            util.getSupportedRegions().forEach(util::getExampleNumber);
            util.getSupportedGlobalNetworkCallingCodes().forEach(util::getExampleNumberForNonGeoEntity);
        }

        static void touch() {
            // loading the class is the work
        }
    }

    private Metadata() {
    }

    /** Loads every region's number metadata (once per JVM) and {@code country}'s short-number metadata. */
    static void preload(String country) {
        AllRegions.touch();
        if (SHORT_NUMBER_REGIONS.add(country)) {
            ShortNumberInfo.getInstance().isEmergencyNumber("112", country);
        }
    }
}
