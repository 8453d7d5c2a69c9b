<?php
/**
 * REST routes under igny8/v1, for IGNY8 (through an Application Password) and for admins.
 * Every route needs manage_options. No response ever contains the secret.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Rest
{
    const NAMESPACE_V1 = 'igny8/v1';

    public static function register(): void
    {
        add_action('rest_api_init', array(self::class, 'register_routes'));
    }

    public static function register_routes(): void
    {
        $admin = array(self::class, 'can_manage');
        // POST /igny8/v1/connect - store the webhook URL, secret, integration and post types
        register_rest_route(self::NAMESPACE_V1, '/connect', array(
            'methods' => 'POST',
            'callback' => array(self::class, 'connect'),
            'permission_callback' => $admin,
            'args' => array(
                'webhook_url' => array('type' => 'string', 'required' => true),
                'secret' => array('type' => 'string', 'required' => true),
                'integration_id' => array('type' => array('string', 'integer'), 'required' => true),
                'post_types' => array('type' => 'array', 'items' => array('type' => 'string'), 'default' => array()),
            ),
        ));
        // GET /igny8/v1/status - version, configuration (without the secret), queue, last deliveries, SEO plugins
        register_rest_route(self::NAMESPACE_V1, '/status', array(
            'methods' => 'GET',
            'callback' => array(self::class, 'status'),
            'permission_callback' => $admin,
        ));
        // POST /igny8/v1/disconnect - forget the configuration and drop the queue
        register_rest_route(self::NAMESPACE_V1, '/disconnect', array(
            'methods' => 'POST',
            'callback' => array(self::class, 'disconnect'),
            'permission_callback' => $admin,
        ));
        // POST /igny8/v1/flush - send every pending delivery now, ignoring backoff
        register_rest_route(self::NAMESPACE_V1, '/flush', array(
            'methods' => 'POST',
            'callback' => array(self::class, 'flush'),
            'permission_callback' => $admin,
            'args' => array('retry_failed' => array('type' => 'boolean', 'default' => false)),
        ));
        // POST /igny8/v1/test - send a signed "ping" now and report the receiver's answer
        register_rest_route(self::NAMESPACE_V1, '/test', array(
            'methods' => 'POST',
            'callback' => array(self::class, 'test'),
            'permission_callback' => $admin,
        ));
        // GET /igny8/v1/changes - what changed after a moment, across post types, oldest first
        register_rest_route(self::NAMESPACE_V1, '/changes', array(
            'methods' => 'GET',
            'callback' => array(self::class, 'changes'),
            'permission_callback' => $admin,
            'args' => array(
                'modified_after' => array('type' => 'string', 'format' => 'date-time', 'required' => true),
                'types' => array('type' => 'array', 'items' => array('type' => 'string'), 'default' => array('post', 'page')),
                'page' => array('type' => 'integer', 'minimum' => 1, 'default' => 1),
                'per_page' => array('type' => 'integer', 'minimum' => 1, 'maximum' => 100, 'default' => 100),
            ),
        ));
    }

    public static function can_manage(): bool
    {
        return current_user_can('manage_options');
    }

    public static function connect(WP_REST_Request $request)
    {
        $url = Igny8_Config::validate_url($request->get_param('webhook_url'));
        $secret = Igny8_Config::validate_secret($request->get_param('secret'));
        $types = Igny8_Config::validate_post_types($request->get_param('post_types'));
        $integration_id = trim((string) $request->get_param('integration_id'));
        foreach (array($url, $secret, $types) as $checked) {
            if (is_wp_error($checked)) {
                return $checked;
            }
        }
        if ($integration_id === '' || strlen($integration_id) > 100) {
            return new WP_Error('igny8_invalid_integration_id', __('integration_id must be 1 to 100 characters.', 'igny8-connector'), array('status' => 400));
        }
        Igny8_Config::save($url, $secret, sanitize_text_field($integration_id), $types, 'rest');
        Igny8_Runner::ensure_sweep();
        return rest_ensure_response(self::status_data());
    }

    public static function status()
    {
        return rest_ensure_response(self::status_data());
    }

    public static function disconnect()
    {
        Igny8_Config::clear();
        Igny8_Queue::clear();
        Igny8_Runner::clear_schedules();
        return rest_ensure_response(self::status_data());
    }

    public static function flush(WP_REST_Request $request)
    {
        if (!Igny8_Config::is_configured()) {
            return new WP_Error('igny8_not_configured', __('The plugin is not connected to IGNY8.', 'igny8-connector'), array('status' => 409));
        }
        $requeued = $request->get_param('retry_failed') ? Igny8_Queue::requeue_failed() : 0;
        $result = Igny8_Queue::run(array('force' => true, 'limit' => 500));
        return rest_ensure_response(array_merge(array('requeued' => $requeued, 'result' => $result), self::status_data()));
    }

    public static function test()
    {
        if (!Igny8_Config::is_configured()) {
            return new WP_Error('igny8_not_configured', __('The plugin is not connected to IGNY8.', 'igny8-connector'), array('status' => 409));
        }
        $result = self::send_ping();
        return rest_ensure_response(array('ok' => $result['ok'], 'response_code' => $result['code'], 'error' => $result['error']));
    }

    /**
     * Items of the given post types (any status, trash included) modified after `modified_after`
     * (site time, exclusive, as core's modified_after), ordered by modified then id: id, type,
     * status, modified, modified_gmt only. IGNY8's incremental pull asks this once for every type
     * instead of once per type; X-WP-Total / X-WP-TotalPages as in core's collections.
     */
    public static function changes(WP_REST_Request $request)
    {
        $types = array_values(array_unique((array) $request->get_param('types')));
        foreach ($types as $type) {
            $object = get_post_type_object($type);
            if (!$object || empty($object->show_in_rest)) {
                /* translators: %s: a post type name */
                return new WP_Error('igny8_invalid_post_type', sprintf(__('"%s" is not a post type of this site with a REST API.', 'igny8-connector'), $type), array('status' => 400));
            }
        }
        $after = (string) $request->get_param('modified_after');
        if (!rest_parse_date($after)) {
            return new WP_Error('rest_invalid_date', __('modified_after must be a date (site time).', 'igny8-connector'), array('status' => 400));
        }
        $query = new WP_Query(array(
            'post_type' => $types,
            'post_status' => array('publish', 'future', 'draft', 'pending', 'private', 'trash'),
            'date_query' => array(array('column' => 'post_modified', 'after' => $after)),
            'orderby' => array('modified' => 'ASC', 'ID' => 'ASC'),
            'posts_per_page' => (int) $request->get_param('per_page'),
            'paged' => (int) $request->get_param('page'),
            'ignore_sticky_posts' => true,
            'update_post_meta_cache' => false,
            'update_post_term_cache' => false,
            'suppress_filters' => false,
        ));
        $items = array();
        foreach ($query->posts as $post) {
            $items[] = array(
                'id' => (int) $post->ID,
                'type' => $post->post_type,
                'status' => $post->post_status,
                'modified' => mysql_to_rfc3339($post->post_modified),
                'modified_gmt' => mysql_to_rfc3339($post->post_modified_gmt),
            );
        }
        $response = rest_ensure_response($items);
        $response->header('X-WP-Total', (string) (int) $query->found_posts);
        $response->header('X-WP-TotalPages', (string) (int) $query->max_num_pages);
        return $response;
    }

    /** Sends a signed {"action":"ping"} right away (not queued, not retried). */
    public static function send_ping(): array
    {
        $config = Igny8_Config::get();
        $payload = array(
            'action' => 'ping',
            'post_id' => 0,
            'site_url' => home_url(),
            'event_id' => wp_generate_uuid4(),
            'occurred_at' => gmdate('Y-m-d\TH:i:s\Z'),
            'integration_id' => (string) $config['integration_id'],
        );
        $body = (string) wp_json_encode($payload, JSON_UNESCAPED_SLASHES);
        return Igny8_Sender::send($config['webhook_url'], $config['secret'], $payload['event_id'], $body);
    }

    /** The status document (also returned by connect, disconnect and flush). */
    public static function status_data(): array
    {
        $config = Igny8_Config::get();
        return array(
            'version' => IGNY8_CONNECTOR_VERSION,
            'configured' => Igny8_Config::is_configured(),
            'webhook_url' => $config['webhook_url'] !== '' ? $config['webhook_url'] : null,
            'integration_id' => $config['integration_id'] !== '' ? (string) $config['integration_id'] : null,
            'post_types' => array_values($config['post_types']),
            'tracked_post_types' => Igny8_Config::is_configured() ? Igny8_Config::tracked_post_types() : array(),
            'site_url' => home_url(),
            'connected_at' => Igny8_Queue::iso((int) $config['connected_at']),
            'connected_via' => $config['source'] !== '' ? $config['source'] : null,
            'queue' => Igny8_Queue::counts(),
            'last_deliveries' => Igny8_Queue::recent(50),
            'seo' => Igny8_Seo::status(),
        );
    }
}
