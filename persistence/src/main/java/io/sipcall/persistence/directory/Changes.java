package io.sipcall.persistence.directory;

import io.sipcall.config.Secret;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The names of the fields that differ between two versions of an entry, for the audit log: names
 * only, never values, so a changed password or caller ID shows as {@code auth.password} or
 * {@code caller-id}. Names are the configuration file's ({@code max-channels}); nested records are
 * compared field by field ({@code auth.username}, {@code sip.ha1-md5}).
 */
final class Changes {

    private Changes() {
    }

    /** The fields of {@code before} and {@code after} (records of one type) that differ. */
    static List<String> between(Record before, Record after) {
        List<String> changed = new ArrayList<>();
        collect("", before, after, changed);
        return List.copyOf(changed);
    }

    private static void collect(String path, Record before, Record after, List<String> changed) {
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            String name = path + kebab(component.getName());
            Object old = unwrap(value(component, before));
            Object now = unwrap(value(component, after));
            if (old instanceof Record oldRecord && now instanceof Record newRecord
                    && oldRecord.getClass() == newRecord.getClass() && !(oldRecord instanceof Secret)) {
                collect(name + ".", oldRecord, newRecord, changed);
            } else if (!Objects.equals(old, now)) {
                changed.add(name);
            }
        }
    }

    private static Object unwrap(Object value) {
        return value instanceof Optional<?> optional ? optional.orElse(null) : value;
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
