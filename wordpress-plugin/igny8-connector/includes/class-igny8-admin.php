<?php
/**
 * Settings → IGNY8: connection state, manual URL and secret entry, test webhook, queue and the
 * last deliveries. Every form posts to admin-post.php with a nonce and needs manage_options.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Admin
{
    const PAGE = 'igny8';

    public static function register(): void
    {
        add_action('admin_menu', array(self::class, 'add_page'));
        foreach (array('save', 'test', 'flush', 'disconnect') as $operation) {
            add_action("admin_post_igny8_{$operation}", array(self::class, "handle_{$operation}"));
        }
        add_filter('plugin_action_links_' . plugin_basename(IGNY8_CONNECTOR_FILE), array(self::class, 'action_links'));
    }

    public static function add_page(): void
    {
        add_options_page(__('IGNY8', 'igny8-connector'), __('IGNY8', 'igny8-connector'), 'manage_options', self::PAGE, array(self::class, 'render'));
    }

    public static function action_links(array $links): array
    {
        array_unshift($links, '<a href="' . esc_url(self::page_url()) . '">' . esc_html__('Settings', 'igny8-connector') . '</a>');
        return $links;
    }

    public static function page_url(): string
    {
        return admin_url('options-general.php?page=' . self::PAGE);
    }

    public static function handle_save(): void
    {
        self::guard('igny8_save');
        $config = Igny8_Config::get();
        $url = Igny8_Config::validate_url(isset($_POST['webhook_url']) ? wp_unslash($_POST['webhook_url']) : '');
        $secret_input = isset($_POST['secret']) ? trim((string) wp_unslash($_POST['secret'])) : '';
        $secret = $secret_input === '' && $config['secret'] !== '' ? $config['secret'] : Igny8_Config::validate_secret($secret_input);
        $types = Igny8_Config::validate_post_types(isset($_POST['post_types']) ? array_map('sanitize_key', (array) wp_unslash($_POST['post_types'])) : array());
        $integration_id = isset($_POST['integration_id']) ? sanitize_text_field(wp_unslash($_POST['integration_id'])) : '';
        foreach (array($url, $secret, $types) as $checked) {
            if (is_wp_error($checked)) {
                self::finish('error', $checked->get_error_message());
            }
        }
        Igny8_Config::save($url, $secret, $integration_id, $types, 'manual');
        Igny8_Runner::ensure_sweep();
        self::finish('success', __('Settings saved.', 'igny8-connector'));
    }

    public static function handle_test(): void
    {
        self::guard('igny8_test');
        if (!Igny8_Config::is_configured()) {
            self::finish('error', __('Enter the IGNY8 webhook URL and secret first.', 'igny8-connector'));
        }
        $result = Igny8_Rest::send_ping();
        if ($result['ok']) {
            /* translators: %d: HTTP status code */
            self::finish('success', sprintf(__('Test webhook delivered (HTTP %d).', 'igny8-connector'), $result['code']));
        }
        /* translators: %s: error */
        self::finish('error', sprintf(__('Test webhook failed: %s', 'igny8-connector'), $result['error']));
    }

    public static function handle_flush(): void
    {
        self::guard('igny8_flush');
        $requeued = Igny8_Queue::requeue_failed();
        $result = Igny8_Queue::run(array('force' => true, 'limit' => 500));
        /* translators: 1: delivered count, 2: still failing count, 3: count put back in the queue */
        self::finish('success', sprintf(__('Sent the queue: %1$d delivered, %2$d still failing (%3$d given-up deliveries retried).', 'igny8-connector'), $result['delivered'], $result['retrying'] + $result['failed'], $requeued));
    }

    public static function handle_disconnect(): void
    {
        self::guard('igny8_disconnect');
        Igny8_Config::clear();
        Igny8_Queue::clear();
        Igny8_Runner::clear_schedules();
        self::finish('success', __('Disconnected from IGNY8.', 'igny8-connector'));
    }

    private static function guard(string $action): void
    {
        if (!current_user_can('manage_options')) {
            wp_die(esc_html__('Sorry, you are not allowed to manage IGNY8.', 'igny8-connector'), '', array('response' => 403));
        }
        check_admin_referer($action);
    }

    /** Stores a notice for the next page view and goes back to the settings screen. */
    private static function finish(string $type, string $message): void
    {
        set_transient('igny8_notice_' . get_current_user_id(), array('type' => $type, 'message' => $message), 60);
        wp_safe_redirect(self::page_url());
        exit;
    }

    public static function render(): void
    {
        if (!current_user_can('manage_options')) {
            return;
        }
        $status = Igny8_Rest::status_data();
        $config = Igny8_Config::get();
        $notice = get_transient('igny8_notice_' . get_current_user_id());
        delete_transient('igny8_notice_' . get_current_user_id());
        $extra_types = get_post_types(array('public' => true, 'show_in_rest' => true), 'objects');
        unset($extra_types['post'], $extra_types['page'], $extra_types['attachment']);
        include __DIR__ . '/views/settings-page.php';
    }

    /** A form that posts one admin-post action with its nonce (no element ids: several per page). */
    public static function button_form(string $operation, string $label, string $class = 'button'): void
    {
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '" style="display:inline-block;margin-right:8px">' . "\n";
        echo '<input type="hidden" name="action" value="' . esc_attr('igny8_' . $operation) . '">' . "\n";
        echo '<input type="hidden" name="_wpnonce" value="' . esc_attr(wp_create_nonce('igny8_' . $operation)) . '">' . "\n";
        echo '<button type="submit" class="' . esc_attr($class) . '">' . esc_html($label) . "</button>\n";
        echo "</form>\n";
    }
}
