<?php
/**
 * The delivery queue: one table row per event. Rows are claimed atomically, so a cron run and a
 * loopback run never send the same event at the same moment. Delivered rows are kept (the last
 * 50) for the settings screen; rows that keep failing are retried with exponential backoff and
 * given up 24 hours after they were queued.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Queue
{
    const DB_VERSION = '1';
    const DB_VERSION_OPTION = 'igny8_connector_db_version';
    /** Unix time of the earliest pending attempt (0: nothing pending); autoloaded, read on every request. */
    const NEXT_DUE_OPTION = 'igny8_connector_next_due';
    const KEEP_DELIVERED = 50;
    const KEEP_FAILED = 200;
    const GIVE_UP_AFTER = DAY_IN_SECONDS;
    const LOCK_SECONDS = 60;
    /** Longest wait between two attempts. */
    const MAX_DELAY = 4 * HOUR_IN_SECONDS;

    public static function table(): string
    {
        global $wpdb;
        return $wpdb->prefix . 'igny8_queue';
    }

    public static function install(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $table = self::table();
        $charset = $wpdb->get_charset_collate();
        dbDelta("CREATE TABLE $table (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  event_id char(36) NOT NULL,
  action varchar(32) NOT NULL,
  post_id bigint(20) unsigned NOT NULL DEFAULT 0,
  payload longtext NOT NULL,
  state varchar(16) NOT NULL DEFAULT 'pending',
  attempts int(10) unsigned NOT NULL DEFAULT 0,
  created_at bigint(20) NOT NULL DEFAULT 0,
  next_attempt_at bigint(20) NOT NULL DEFAULT 0,
  locked_until bigint(20) NOT NULL DEFAULT 0,
  last_attempt_at bigint(20) NOT NULL DEFAULT 0,
  response_code int(10) NOT NULL DEFAULT 0,
  last_error text NULL,
  PRIMARY KEY  (id),
  KEY state_next (state,next_attempt_at),
  KEY post_action (post_id,action)
) $charset;");
        update_option(self::DB_VERSION_OPTION, self::DB_VERSION, true);
    }

    /** Creates or upgrades the table when the stored schema version differs (e.g. after an update). */
    public static function maybe_install(): void
    {
        if (get_option(self::DB_VERSION_OPTION) !== self::DB_VERSION) {
            self::install();
        }
    }

    /**
     * Queues one payload (its event_id is its webhook-id). Returns the row id.
     */
    public static function enqueue(array $payload, ?int $now = null): int
    {
        global $wpdb;
        $now = $now ?? time();
        $wpdb->insert(self::table(), array(
            'event_id' => $payload['event_id'],
            'action' => $payload['action'],
            'post_id' => (int) ($payload['post_id'] ?? 0),
            'payload' => self::encode($payload),
            'state' => 'pending',
            'created_at' => $now,
            'next_attempt_at' => $now,
        ));
        $id = (int) $wpdb->insert_id;
        $due = (int) get_option(self::NEXT_DUE_OPTION, 0);
        if ($due === 0 || $due > $now) {
            update_option(self::NEXT_DUE_OPTION, $now, true);
        }
        return $id;
    }

    /**
     * Folds newer facts into a queued payload that no one has tried to send yet (same event,
     * latest state). Returns false when the row was already attempted or claimed, or when
     * $fields['origin'] (if given) differs from the queued payload's origin.
     */
    public static function refresh_unsent(int $id, array $fields, ?int $now = null): bool
    {
        global $wpdb;
        $now = $now ?? time();
        $table = self::table();
        $row = $wpdb->get_row($wpdb->prepare("SELECT payload FROM $table WHERE id = %d AND state = 'pending' AND attempts = 0 AND locked_until < %d", $id, $now), ARRAY_A);
        if (!$row) {
            return false;
        }
        $payload = json_decode($row['payload'], true) ?: array();
        if (array_key_exists('origin', $fields)) {
            if (($payload['origin'] ?? null) !== $fields['origin']) {
                return false; // an IGNY8 echo never absorbs someone else's edit, nor the reverse
            }
            unset($fields['origin']);
        }
        $payload = array_merge($payload, $fields);
        $updated = $wpdb->query($wpdb->prepare(
            "UPDATE $table SET payload = %s WHERE id = %d AND state = 'pending' AND attempts = 0 AND locked_until < %d",
            self::encode($payload), $id, $now
        ));
        if ($updated === 1) {
            return true;
        }
        // 0 rows changed: either the payload was already identical or a runner claimed the row.
        return $updated === 0 && (bool) $wpdb->get_var($wpdb->prepare(
            "SELECT 1 FROM $table WHERE id = %d AND state = 'pending' AND attempts = 0 AND locked_until < %d",
            $id, $now
        ));
    }

    /** A queued row for this post and action that no one has tried to send yet, or null. */
    public static function find_unsent(int $post_id, string $action, ?int $now = null): ?int
    {
        global $wpdb;
        $now = $now ?? time();
        $table = self::table();
        $id = $wpdb->get_var($wpdb->prepare(
            "SELECT id FROM $table WHERE post_id = %d AND action = %s AND state = 'pending' AND attempts = 0 AND locked_until < %d ORDER BY id DESC LIMIT 1",
            $post_id, $action, $now
        ));
        return $id ? (int) $id : null;
    }

    /** Whether an event for this post was queued since $since (unix seconds). */
    public static function has_recent_event(int $post_id, int $since): bool
    {
        global $wpdb;
        $table = self::table();
        return (bool) $wpdb->get_var($wpdb->prepare("SELECT 1 FROM $table WHERE post_id = %d AND created_at >= %d LIMIT 1", $post_id, $since));
    }

    /**
     * Seconds to wait after the $attempts-th failed attempt: 1, 2, 4, 8 ... minutes, at most 4 hours.
     */
    public static function retry_delay(int $attempts): int
    {
        $delay = (int) min(MINUTE_IN_SECONDS * (2 ** max(0, $attempts - 1)), self::MAX_DELAY);
        return (int) apply_filters('igny8_retry_delay', $delay, $attempts);
    }

    /**
     * Sends due deliveries. Options: now (unix seconds, default time()), limit (rows, default 50),
     * force (also rows whose backoff has not elapsed), time_budget (seconds, default 20).
     * Returns {delivered, retrying, failed}.
     */
    public static function run(array $options = array()): array
    {
        global $wpdb;
        $now = (int) ($options['now'] ?? time());
        $limit = (int) ($options['limit'] ?? 50);
        $force = !empty($options['force']);
        $deadline = microtime(true) + (float) ($options['time_budget'] ?? 20);
        $stats = array('delivered' => 0, 'retrying' => 0, 'failed' => 0);
        $config = Igny8_Config::get();
        if (!Igny8_Config::is_configured()) {
            return $stats;
        }
        $table = self::table();
        $due = $force ? PHP_INT_MAX : $now;
        $ids = $wpdb->get_col($wpdb->prepare(
            "SELECT id FROM $table WHERE state = 'pending' AND next_attempt_at <= %d AND locked_until < %d ORDER BY id ASC LIMIT %d",
            $due, $now, $limit
        ));
        foreach ($ids as $id) {
            if (microtime(true) > $deadline) {
                break;
            }
            $claimed = $wpdb->query($wpdb->prepare(
                "UPDATE $table SET locked_until = %d WHERE id = %d AND state = 'pending' AND locked_until < %d",
                $now + self::LOCK_SECONDS, $id, $now
            ));
            if ($claimed !== 1) {
                continue; // another runner has it
            }
            $row = $wpdb->get_row($wpdb->prepare("SELECT * FROM $table WHERE id = %d", $id), ARRAY_A);
            $result = Igny8_Sender::send($config['webhook_url'], $config['secret'], $row['event_id'], $row['payload']);
            $stats[self::record($row, $result, $now)]++;
        }
        self::prune();
        self::update_next_due();
        return $stats;
    }

    /** Stores one attempt's outcome; returns the row's new state name for the run's stats. */
    private static function record(array $row, array $result, int $now): string
    {
        global $wpdb;
        $attempts = (int) $row['attempts'] + 1;
        $fields = array(
            'attempts' => $attempts,
            'last_attempt_at' => $now,
            'response_code' => (int) $result['code'],
            'last_error' => $result['error'],
            'locked_until' => 0,
        );
        if ($result['ok']) {
            $fields['state'] = 'delivered';
            $outcome = 'delivered';
        } else {
            $next = $now + max(self::retry_delay($attempts), (int) $result['retry_after']);
            if ($next > (int) $row['created_at'] + self::GIVE_UP_AFTER) {
                $fields['state'] = 'failed';
                $outcome = 'failed';
            } else {
                $fields['next_attempt_at'] = $next;
                $outcome = 'retrying';
            }
        }
        $wpdb->update(self::table(), $fields, array('id' => (int) $row['id']));
        return $outcome;
    }

    /** Records when the earliest pending row is due, so any page view can start an overdue run. */
    public static function update_next_due(): void
    {
        global $wpdb;
        $table = self::table();
        $due = (int) $wpdb->get_var("SELECT MIN(next_attempt_at) FROM $table WHERE state = 'pending'");
        update_option(self::NEXT_DUE_OPTION, $due, true);
    }

    /** Keeps the newest 50 delivered and 200 failed rows. */
    private static function prune(): void
    {
        global $wpdb;
        $table = self::table();
        foreach (array('delivered' => self::KEEP_DELIVERED, 'failed' => self::KEEP_FAILED) as $state => $keep) {
            $cutoff = $wpdb->get_var($wpdb->prepare("SELECT id FROM $table WHERE state = %s ORDER BY id DESC LIMIT 1 OFFSET %d", $state, $keep));
            if ($cutoff) {
                $wpdb->query($wpdb->prepare("DELETE FROM $table WHERE state = %s AND id <= %d", $state, $cutoff));
            }
        }
    }

    /** Puts given-up rows back in line for an immediate attempt, with a fresh day of retries. */
    public static function requeue_failed(?int $now = null): int
    {
        global $wpdb;
        $now = $now ?? time();
        $table = self::table();
        $count = (int) $wpdb->query($wpdb->prepare(
            "UPDATE $table SET state = 'pending', attempts = 0, created_at = %d, next_attempt_at = %d WHERE state = 'failed'",
            $now, $now
        ));
        self::update_next_due();
        return $count;
    }

    /** {pending, failed} row counts. */
    public static function counts(): array
    {
        global $wpdb;
        $table = self::table();
        $rows = $wpdb->get_results("SELECT state, COUNT(*) AS n FROM $table WHERE state IN ('pending','failed') GROUP BY state", ARRAY_A);
        $counts = array('pending' => 0, 'failed' => 0);
        foreach ((array) $rows as $row) {
            $counts[$row['state']] = (int) $row['n'];
        }
        return $counts;
    }

    /**
     * The newest attempted deliveries: delivered, retrying (pending after a failure) and failed.
     */
    public static function recent(int $limit = 50): array
    {
        global $wpdb;
        $table = self::table();
        $rows = $wpdb->get_results($wpdb->prepare(
            "SELECT event_id, action, post_id, state, attempts, response_code, last_error, last_attempt_at, next_attempt_at
             FROM $table WHERE attempts > 0 ORDER BY last_attempt_at DESC, id DESC LIMIT %d",
            $limit
        ), ARRAY_A);
        return array_map(function ($row) {
            $state = $row['state'] === 'pending' ? 'retrying' : $row['state'];
            return array(
                'event_id' => $row['event_id'],
                'action' => $row['action'],
                'post_id' => (int) $row['post_id'],
                'state' => $state,
                'attempts' => (int) $row['attempts'],
                'response_code' => (int) $row['response_code'],
                'error' => (string) $row['last_error'],
                'last_attempt_at' => self::iso((int) $row['last_attempt_at']),
                'next_attempt_at' => $state === 'retrying' ? self::iso((int) $row['next_attempt_at']) : null,
            );
        }, (array) $rows);
    }

    /** Deletes every row (disconnect: nothing queued for the old endpoint is sent). */
    public static function clear(): void
    {
        global $wpdb;
        $table = self::table();
        $wpdb->query("DELETE FROM $table");
        update_option(self::NEXT_DUE_OPTION, 0, true);
    }

    public static function iso(int $timestamp): ?string
    {
        return $timestamp > 0 ? gmdate('Y-m-d\TH:i:s\Z', $timestamp) : null;
    }

    private static function encode(array $payload): string
    {
        return (string) wp_json_encode($payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    }
}
