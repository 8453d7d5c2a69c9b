<?php
/**
 * Conditional updates: a REST update carrying X-IGNY8-Expected-Modified-GMT (or the parameter
 * igny8_expected_modified_gmt) is refused with 409 igny8_conflict when the post changed since,
 * checked just before WordPress writes (rest_pre_insert_{type}), against the database row and
 * compared as the REST API shows modified_gmt (so a value read from REST always matches).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Conflict_Guard
{
    const HEADER = 'x_igny8_expected_modified_gmt';
    const PARAM = 'igny8_expected_modified_gmt';

    public static function register(): void
    {
        add_action('rest_api_init', array(self::class, 'register_filters'), 100);
    }

    public static function register_filters(): void
    {
        foreach (get_post_types(array('show_in_rest' => true)) as $type) {
            add_filter("rest_pre_insert_{$type}", array(self::class, 'check'), 10, 2);
        }
    }

    /**
     * @param stdClass|WP_Error $prepared_post
     * @return stdClass|WP_Error
     */
    public static function check($prepared_post, $request)
    {
        if (is_wp_error($prepared_post) || empty($prepared_post->ID) || !($request instanceof WP_REST_Request)) {
            return $prepared_post;
        }
        $expected = $request->get_header(self::HEADER);
        if ($expected === null || $expected === '') {
            $expected = $request->get_param(self::PARAM);
        }
        if ($expected === null || $expected === '') {
            return $prepared_post;
        }
        $expected_ts = self::parse_gmt((string) $expected);
        if ($expected_ts === null) {
            return new WP_Error('igny8_invalid_expected_modified', __('X-IGNY8-Expected-Modified-GMT must look like 2024-05-01T10:00:00.', 'igny8-connector'), array('status' => 400));
        }
        global $wpdb;
        // Read the row itself, not the object cache, to keep the window to the write small.
        $row = $wpdb->get_row($wpdb->prepare("SELECT post_modified, post_modified_gmt FROM {$wpdb->posts} WHERE ID = %d", $prepared_post->ID), ARRAY_A);
        $current = $row ? Igny8_Events::format_gmt((string) $row['post_modified_gmt'], (string) $row['post_modified']) : null;
        $current_ts = $current === null ? null : self::parse_gmt($current);
        if ($current_ts !== $expected_ts) {
            return new WP_Error(
                'igny8_conflict',
                __('The post was changed in WordPress after the expected modification time.', 'igny8-connector'),
                array(
                    'status' => 409,
                    'modified_gmt' => $current,
                    'expected_modified_gmt' => gmdate('Y-m-d\TH:i:s', $expected_ts),
                )
            );
        }
        return $prepared_post;
    }

    /** Unix seconds of a UTC date "Y-m-d\TH:i:s" (a space, "Z" or "+00:00" also accepted), or null. */
    private static function parse_gmt(string $value): ?int
    {
        $value = trim($value);
        if (!preg_match('/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|\+00:?00)?$/', $value, $m)) {
            return null;
        }
        $date = DateTime::createFromFormat('!Y-m-d H:i:s', $m[1] . ' ' . $m[2], new DateTimeZone('UTC'));
        return $date ? $date->getTimestamp() : null;
    }
}
