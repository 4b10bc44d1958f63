package io.sipcall.sip.gateway;

import io.sipcall.sip.port.Registrations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Registrations} in memory: the embedded default until persistence keeps them. */
public final class InMemoryRegistrations implements Registrations {

    private final Map<String, Map<String, Binding>> byUser = new ConcurrentHashMap<>();

    @Override
    public void put(String userId, Binding binding) {
        byUser.computeIfAbsent(userId, k -> new ConcurrentHashMap<>()).put(binding.contact(), binding);
    }

    @Override
    public void remove(String userId, String contact) {
        Map<String, Binding> contacts = byUser.get(userId);
        if (contacts != null) {
            contacts.remove(contact);
        }
    }

    @Override
    public void removeAll(String userId) {
        byUser.remove(userId);
    }

    @Override
    public List<Binding> bindings(String userId, Instant now) {
        Map<String, Binding> contacts = byUser.get(userId);
        if (contacts == null) {
            return List.of();
        }
        contacts.values().removeIf(binding -> !binding.expiresAt().isAfter(now));
        return List.copyOf(contacts.values());
    }
}
