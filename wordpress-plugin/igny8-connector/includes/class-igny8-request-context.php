<?php
/**
 * Knows whether the current change comes from IGNY8 itself: a REST request from a logged-in user
 * carrying "X-IGNY8-Origin: igny8" (on the HTTP request, or on a sub-request of /batch/v1).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Request_Context
{
    /** @var WP_REST_Request[] requests being dispatched, innermost last */
    private static $stack = array();

    public static function register(): void
    {
        add_filter('rest_request_before_callbacks', array(self::class, 'push'), 10, 3);
        add_filter('rest_request_after_callbacks', array(self::class, 'pop'), 10, 3);
    }

    public static function push($response, $handler, $request)
    {
        self::$stack[] = $request;
        return $response;
    }

    public static function pop($response, $handler, $request)
    {
        array_pop(self::$stack);
        return $response;
    }

    public static function current_request(): ?WP_REST_Request
    {
        return self::$stack ? self::$stack[count(self::$stack) - 1] : null;
    }

    public static function is_igny8_origin(): bool
    {
        if (!is_user_logged_in()) {
            return false;
        }
        foreach (self::$stack as $request) {
            if (strtolower(trim((string) $request->get_header('x_igny8_origin'))) === 'igny8') {
                return true;
            }
        }
        $is_rest = defined('REST_REQUEST') && REST_REQUEST;
        $header = isset($_SERVER['HTTP_X_IGNY8_ORIGIN']) ? strtolower(trim(sanitize_text_field(wp_unslash($_SERVER['HTTP_X_IGNY8_ORIGIN'])))) : '';
        return $is_rest && $header === 'igny8';
    }
}
