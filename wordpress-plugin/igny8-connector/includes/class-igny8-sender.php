<?php
/**
 * One signed HTTP delivery. wp_remote_post, not wp_safe_remote_post: the safe variant refuses
 * ports other than 80, 443 and 8080, and IGNY8 may listen elsewhere.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Sender
{
    /**
     * Sends $body to $url signed with $secret. Returns
     * {ok: bool, code: int (0 when no response), error: string, retry_after: int seconds (0 = none)}.
     */
    public static function send(string $url, string $secret, string $event_id, string $body): array
    {
        $timestamp = time();
        $headers = array_merge(
            array(
                'Content-Type' => 'application/json',
                'User-Agent' => 'IGNY8-Connector/' . IGNY8_CONNECTOR_VERSION . '; ' . home_url(),
            ),
            Igny8_Signature::headers($secret, $event_id, $timestamp, $body)
        );
        $response = wp_remote_post($url, array(
            'timeout' => (float) apply_filters('igny8_delivery_timeout', 5),
            'redirection' => 0,
            'headers' => $headers,
            'body' => $body,
            'data_format' => 'body',
        ));
        if (is_wp_error($response)) {
            return array('ok' => false, 'code' => 0, 'error' => $response->get_error_message(), 'retry_after' => 0);
        }
        $code = (int) wp_remote_retrieve_response_code($response);
        $ok = $code >= 200 && $code < 300;
        $error = '';
        if (!$ok) {
            $message = trim(wp_strip_all_tags((string) wp_remote_retrieve_body($response)));
            $error = sprintf('HTTP %d%s', $code, $message === '' ? '' : ': ' . substr($message, 0, 200));
        }
        return array(
            'ok' => $ok,
            'code' => $code,
            'error' => $error,
            'retry_after' => self::retry_after((string) wp_remote_retrieve_header($response, 'retry-after')),
        );
    }

    /** Retry-After in seconds (delta-seconds or an HTTP date), capped at one hour. */
    private static function retry_after(string $value): int
    {
        $value = trim($value);
        if ($value === '') {
            return 0;
        }
        $seconds = ctype_digit($value) ? (int) $value : max(0, (int) strtotime($value) - time());
        return min($seconds, HOUR_IN_SECONDS);
    }
}
