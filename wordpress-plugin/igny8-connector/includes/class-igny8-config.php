<?php
/**
 * The connection settings, kept in one option. The secret never leaves this class
 * except towards the signer.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Config
{
    const OPTION = 'igny8_connector_settings';

    /** Post types that always send webhooks; the integration may add more. */
    const BASE_POST_TYPES = array('post', 'page');

    public static function defaults(): array
    {
        return array(
            'webhook_url' => '',
            'secret' => '',
            'integration_id' => '',
            'post_types' => array(),
            'connected_at' => 0,
            'source' => '',
        );
    }

    public static function get(): array
    {
        $value = get_option(self::OPTION, array());
        return is_array($value) ? array_merge(self::defaults(), $value) : self::defaults();
    }

    public static function is_configured(): bool
    {
        $config = self::get();
        return $config['webhook_url'] !== '' && $config['secret'] !== '';
    }

    /**
     * Stores a new connection. $source says who configured it: "rest" (IGNY8) or "manual".
     */
    public static function save(string $webhook_url, string $secret, string $integration_id, array $post_types, string $source): void
    {
        update_option(self::OPTION, array(
            'webhook_url' => $webhook_url,
            'secret' => $secret,
            'integration_id' => $integration_id,
            'post_types' => array_values(array_unique($post_types)),
            'connected_at' => time(),
            'source' => $source,
        ), true);
    }

    public static function clear(): void
    {
        delete_option(self::OPTION);
    }

    /** Post, page and the integration's extra post types, for webhooks, meta and the REST lookup. */
    public static function tracked_post_types(): array
    {
        $types = array_values(array_unique(array_merge(self::BASE_POST_TYPES, self::get()['post_types'])));
        return (array) apply_filters('igny8_tracked_post_types', $types);
    }

    /**
     * Checks a webhook URL: absolute http(s) with a host. Returns the cleaned URL or a WP_Error.
     *
     * @return string|WP_Error
     */
    public static function validate_url($url)
    {
        $url = is_string($url) ? trim($url) : '';
        $parts = wp_parse_url($url);
        if ($url === '' || !is_array($parts) || empty($parts['host'])
            || !in_array(strtolower($parts['scheme'] ?? ''), array('http', 'https'), true)) {
            return new WP_Error('igny8_invalid_url', __('The webhook URL must be an absolute http or https URL.', 'igny8-connector'), array('status' => 400));
        }
        return esc_url_raw($url, array('http', 'https'));
    }

    /**
     * Checks a Standard Webhooks secret: "whsec_" + base64 of 24 to 64 random bytes.
     *
     * @return string|WP_Error
     */
    public static function validate_secret($secret)
    {
        $secret = is_string($secret) ? trim($secret) : '';
        if (!preg_match('/^whsec_([A-Za-z0-9+\/]+={0,2})$/', $secret, $m)) {
            return new WP_Error('igny8_invalid_secret', __('The secret must be "whsec_" followed by base64.', 'igny8-connector'), array('status' => 400));
        }
        $raw = base64_decode($m[1], true);
        if ($raw === false || strlen($raw) < 24 || strlen($raw) > 64) {
            return new WP_Error('igny8_invalid_secret', __('The secret must encode 24 to 64 bytes.', 'igny8-connector'), array('status' => 400));
        }
        return $secret;
    }

    /**
     * Checks the extra post types: each must be registered here.
     *
     * @return array|WP_Error
     */
    public static function validate_post_types($types)
    {
        if ($types === null || $types === '') {
            return array();
        }
        if (!is_array($types)) {
            return new WP_Error('igny8_invalid_post_type', __('post_types must be a list of post type names.', 'igny8-connector'), array('status' => 400));
        }
        $clean = array();
        $unknown = array();
        foreach ($types as $type) {
            $type = is_string($type) ? sanitize_key($type) : '';
            if ($type === '' || !post_type_exists($type)) {
                $unknown[] = is_scalar($type) ? (string) $type : '?';
                continue;
            }
            $clean[] = $type;
        }
        if ($unknown) {
            return new WP_Error('igny8_invalid_post_type', __('Unknown post types.', 'igny8-connector'), array('status' => 400, 'post_types' => $unknown));
        }
        return array_values(array_unique($clean));
    }
}
