<?php
/**
 * A REST read that asks for the raw excerpt only (`_fields=excerpt.raw`, as IGNY8's pulls do)
 * does not make WordPress build the rendered one. Core skips the rendered content the same way,
 * but not the excerpt: for a post without one it trims an excerpt out of the fully filtered
 * content, a third of the cost of reading a page of posts.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Raw_Excerpt
{
    /** Whether wp_trim_excerpt was taken off for the request being served. */
    private static $suspended = false;

    public static function register(): void
    {
        add_filter('rest_request_before_callbacks', array(self::class, 'before'), 10, 3);
        add_filter('rest_request_after_callbacks', array(self::class, 'after'), 10, 3);
    }

    public static function before($response, $handler, WP_REST_Request $request)
    {
        $fields = wp_parse_list((string) $request->get_param('_fields'));
        $raw_only = in_array('excerpt.raw', $fields, true) && !in_array('excerpt', $fields, true) && !in_array('excerpt.rendered', $fields, true);
        if ($raw_only && has_filter('get_the_excerpt', 'wp_trim_excerpt') === 10) {
            remove_filter('get_the_excerpt', 'wp_trim_excerpt', 10);
            self::$suspended = true;
        }
        return $response;
    }

    public static function after($response, $handler, WP_REST_Request $request)
    {
        if (self::$suspended) {
            add_filter('get_the_excerpt', 'wp_trim_excerpt', 10, 2);
            self::$suspended = false;
        }
        return $response;
    }
}
