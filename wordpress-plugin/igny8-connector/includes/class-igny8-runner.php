<?php
/**
 * Sends the queue in the background, never in the editor's request: a WP-Cron event scheduled
 * for now plus a sweep every minute, and a non-blocking loopback to admin-ajax.php at the end of
 * a request that queued something, or of any request once a retry is overdue (so deliveries and
 * retries also happen where WP-Cron does not run).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Runner
{
    const DELIVER_HOOK = 'igny8_deliver';
    const SWEEP_HOOK = 'igny8_sweep';
    const SCHEDULE = 'igny8_every_minute';
    const AJAX_ACTION = 'igny8_run_queue';

    /** @var bool */
    private static $spawn_requested = false;
    /** @var bool */
    private static $running = false;

    public static function register(): void
    {
        add_filter('cron_schedules', array(self::class, 'add_schedule'));
        add_action(self::DELIVER_HOOK, array(self::class, 'run'));
        add_action(self::SWEEP_HOOK, array(self::class, 'run'));
        add_action('wp_ajax_' . self::AJAX_ACTION, array(self::class, 'handle_loopback'));
        add_action('wp_ajax_nopriv_' . self::AJAX_ACTION, array(self::class, 'handle_loopback'));
        add_action('init', array(self::class, 'ensure_sweep'));
        add_action('shutdown', array(self::class, 'spawn_if_overdue'), 20);
    }

    public static function add_schedule(array $schedules): array
    {
        $schedules[self::SCHEDULE] = array('interval' => MINUTE_IN_SECONDS, 'display' => __('Every minute (IGNY8 deliveries)', 'igny8-connector'));
        return $schedules;
    }

    /** Schedules the recurring sweep while connected; removes it while not. */
    public static function ensure_sweep(): void
    {
        $scheduled = wp_next_scheduled(self::SWEEP_HOOK);
        if (Igny8_Config::is_configured() && !$scheduled) {
            add_filter('cron_schedules', array(self::class, 'add_schedule'));
            wp_schedule_event(time(), self::SCHEDULE, self::SWEEP_HOOK);
        } elseif (!Igny8_Config::is_configured() && $scheduled) {
            wp_clear_scheduled_hook(self::SWEEP_HOOK);
        }
    }

    public static function clear_schedules(): void
    {
        wp_clear_scheduled_hook(self::SWEEP_HOOK);
        wp_clear_scheduled_hook(self::DELIVER_HOOK);
    }

    /** Starts a new request scope (see Igny8_Events::reset_request()). */
    public static function reset_request(): void
    {
        if (self::$spawn_requested) {
            remove_action('shutdown', array(self::class, 'spawn_loopback'));
        }
        self::$spawn_requested = false;
    }

    /** Called after something was queued: cron event for now, loopback at the end of this request. */
    public static function request_delivery(): void
    {
        if (!wp_next_scheduled(self::DELIVER_HOOK)) {
            wp_schedule_single_event(time(), self::DELIVER_HOOK);
        }
        if (!self::$spawn_requested) {
            self::$spawn_requested = true;
            add_action('shutdown', array(self::class, 'spawn_loopback'));
        }
    }

    /** At the end of any request: start a run when a retry is due and none was started meanwhile. */
    public static function spawn_if_overdue(): void
    {
        $due = (int) get_option(Igny8_Queue::NEXT_DUE_OPTION, 0);
        if ($due === 0 || $due > time() || self::$spawn_requested || self::$running || !Igny8_Config::is_configured()) {
            return;
        }
        // Claim the next minute first, so concurrent page views start one run, not many.
        update_option(Igny8_Queue::NEXT_DUE_OPTION, time() + MINUTE_IN_SECONDS, true);
        self::spawn_loopback();
    }

    public static function run(): array
    {
        if (self::$running) {
            return array('delivered' => 0, 'retrying' => 0, 'failed' => 0);
        }
        self::$running = true;
        try {
            return Igny8_Queue::run();
        } finally {
            self::$running = false;
        }
    }

    /** The key the loopback carries, so only this site starts queue runs through admin-ajax. */
    public static function loopback_key(): string
    {
        return hash_hmac('sha256', self::AJAX_ACTION, wp_salt('nonce'));
    }

    /** Fires a request to this site and does not wait for it (10 ms timeout, like WP-Cron's spawn). */
    public static function spawn_loopback(): void
    {
        if (self::$running || (defined('DOING_CRON') && DOING_CRON) || !apply_filters('igny8_spawn_loopback', true)) {
            return;
        }
        wp_remote_post(admin_url('admin-ajax.php'), array(
            'timeout' => 0.01,
            'blocking' => false,
            'sslverify' => apply_filters('https_local_ssl_verify', false),
            'body' => array('action' => self::AJAX_ACTION, 'key' => self::loopback_key()),
        ));
    }

    public static function handle_loopback(): void
    {
        $key = isset($_POST['key']) ? sanitize_text_field(wp_unslash($_POST['key'])) : '';
        if (!hash_equals(self::loopback_key(), $key)) {
            wp_die('', '', array('response' => 403));
        }
        ignore_user_abort(true);
        self::run();
        wp_die('', '', array('response' => 200));
    }
}
